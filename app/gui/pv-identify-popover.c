/* pv-identify-popover.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pv-identify-popover.h"

/* A press and release further apart than this is a drag, not a click. */
#define CLICK_SLOP_PIXELS  4.0
/* How near (in pixels) a line or point must be to be hit. */
#define TOLERANCE_PIXELS   4.0

typedef struct
{
  PvIdentifyPopover *popover;    /* not owned */
  PvVectorLayer     *layer;
  GArray            *hits;       /* feature indices, topmost first */
  guint              current;
  GtkLabel          *counter;
  GtkWidget         *previous;
  GtkWidget         *next;
  GtkGrid           *grid;
} Group;

struct _PvIdentifyPopover
{
  GtkPopover   parent_instance;

  GtkBox      *content;

  PvMapView   *map_view;          /* weak; the parent */
  GtkGesture  *click;             /* owned by the map view */
  GPtrArray   *groups;            /* Group */
  GListModel  *layers;            /* the map's, watched for selection changes */

  double       press_x;
  double       press_y;
  gboolean     press_valid;
  guint        click_source;
  /* Set when the popover closes to show the attribute table: the
   * highlight stays. */
  gboolean     keep_selection;
  guint        n_rasters;         /* raster sections shown besides the groups */
};

G_DEFINE_FINAL_TYPE (PvIdentifyPopover, pv_identify_popover, GTK_TYPE_POPOVER)

static void
group_free (Group *group)
{
  g_clear_object (&group->layer);
  g_clear_pointer (&group->hits, g_array_unref);
  g_free (group);
}

/* Showing a feature */

static void
group_select (Group *group)
{
  g_autoptr(GArray) selection = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_array_append_val (selection, g_array_index (group->hits, guint32, group->current));
  pv_vector_layer_set_selection (group->layer, selection);
}

static void
group_show (Group *group)
{
  PvVectorLayer *layer = group->layer;
  guint index = g_array_index (group->hits, guint32, group->current);
  g_autoptr(GError) error = NULL;
  char **values = NULL;
  g_autofree char *counter = NULL;
  GtkWidget *child;
  guint n_fields = pv_vector_layer_get_n_fields (layer);

  /* Translators: which of the features under the pointer is shown, "2 / 5". */
  counter = g_strdup_printf (C_("identify", "%u / %u"), group->current + 1, group->hits->len);
  gtk_label_set_label (group->counter, counter);
  gtk_widget_set_sensitive (group->previous, group->current > 0);
  gtk_widget_set_sensitive (group->next, group->current + 1 < group->hits->len);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (group->grid))) != NULL)
    gtk_grid_remove (group->grid, child);

  values = pv_vector_layer_dup_attributes (layer, index, &error);
  if (values == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_grid_attach (group->grid, label, 0, 0, 2, 1);
      return;
    }

  for (guint field = 0; field < n_fields; field++)
    {
      GtkWidget *name = gtk_label_new (pv_vector_layer_get_field_name (layer, field));
      GtkWidget *value = gtk_label_new (values[field] ? values[field] : "");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_yalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 40);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_set_hexpand (value, TRUE);
      if (values[field] == NULL)
        {
          /* Translators: shown for a field without a value (NULL). */
          gtk_label_set_label (GTK_LABEL (value), C_("identify", "(no value)"));
          gtk_widget_add_css_class (value, "dim-label");
        }
      else if (pv_vector_layer_field_is_numeric (layer, field))
        gtk_widget_add_css_class (value, "numeric");
      gtk_grid_attach (group->grid, name, 0, field, 1, 1);
      gtk_grid_attach (group->grid, value, 1, field, 1, 1);
    }
  /* NULL stands for a null value: freed by length, not to the first NULL. */
  pv_vector_layer_free_values (values, n_fields);
}

static void
previous_clicked_cb (GtkButton *button,
                     Group     *group)
{
  if (group->current == 0)
    return;
  group->current--;
  group_show (group);
  group_select (group);
}

static void
next_clicked_cb (GtkButton *button,
                 Group     *group)
{
  if (group->current + 1 >= group->hits->len)
    return;
  group->current++;
  group_show (group);
  group_select (group);
}

static void
table_clicked_cb (GtkButton *button,
                  Group     *group)
{
  PvIdentifyPopover *self = group->popover;

  /* The action opened the table: its feature stays selected there, the
   * other layers' highlights go with the popover. */
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *other = g_ptr_array_index (self->groups, i);

      if (other->layer != group->layer)
        pv_vector_layer_set_selection (other->layer, NULL);
    }
  self->keep_selection = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self));
}

static Group *
group_new (PvIdentifyPopover *self,
           PvVectorLayer     *layer,
           guint              position,
           GArray            *hits)
{
  Group *group = g_new0 (Group, 1);
  GtkWidget *box, *header, *name, *counter, *previous, *next, *table, *grid;

  group->popover = self;
  group->layer = g_object_ref (layer);
  group->hits = g_array_ref (hits);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  name = gtk_label_new (pv_layer_get_name (PV_LAYER (layer)));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 32);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  counter = gtk_label_new (NULL);
  gtk_widget_add_css_class (counter, "dim-label");
  gtk_widget_add_css_class (counter, "numeric");
  previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_add_css_class (previous, "flat");
  gtk_widget_set_tooltip_text (previous, C_("identify", "Previous Feature"));
  next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_add_css_class (next, "flat");
  gtk_widget_set_tooltip_text (next, C_("identify", "Next Feature"));
  table = gtk_button_new_from_icon_name ("view-grid-symbolic");
  gtk_widget_add_css_class (table, "flat");
  gtk_widget_set_tooltip_text (table, C_("identify", "Open Attribute Table"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (table), "win.open-attribute-table");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (table), g_variant_new_uint32 (position));
  /* Several features: step through them. */
  gtk_widget_set_visible (counter, hits->len > 1);
  gtk_widget_set_visible (previous, hits->len > 1);
  gtk_widget_set_visible (next, hits->len > 1);

  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), counter);
  gtk_box_append (GTK_BOX (header), previous);
  gtk_box_append (GTK_BOX (header), next);
  gtk_box_append (GTK_BOX (header), table);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), grid);
  if (gtk_widget_get_first_child (GTK_WIDGET (self->content)) != NULL)
    gtk_box_append (self->content, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (self->content, box);

  group->counter = GTK_LABEL (counter);
  group->previous = previous;
  group->next = next;
  group->grid = GTK_GRID (grid);
  g_signal_connect (previous, "clicked", G_CALLBACK (previous_clicked_cb), group);
  g_signal_connect (next, "clicked", G_CALLBACK (next_clicked_cb), group);
  /* After the button's own handler has activated the action. */
  g_signal_connect_after (table, "clicked", G_CALLBACK (table_clicked_cb), group);

  group_show (group);
  return group;
}

/* Clears the highlight of the layers shown, and forgets them. */
static void
clear_groups (PvIdentifyPopover *self,
              gboolean           clear_selection)
{
  GtkWidget *child;

  for (guint i = 0; clear_selection && i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      pv_vector_layer_set_selection (group->layer, NULL);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  g_ptr_array_set_size (self->groups, 0);
  self->n_rasters = 0;
}

static void
closed_cb (PvIdentifyPopover *self)
{
  clear_groups (self, !self->keep_selection);
  self->keep_selection = FALSE;
}

/* The click */

static void
click_pressed_cb (PvIdentifyPopover *self,
                  int                n_press,
                  double             x,
                  double             y,
                  GtkGestureClick   *gesture)
{
  g_clear_handle_id (&self->click_source, g_source_remove);
  /* The second press of a double click zooms, and a map tool (measuring,
   * annotating) has the clicks: no identify. */
  self->press_valid = n_press == 1 && self->map_view != NULL && pv_map_view_get_tool (self->map_view) == NULL;
  self->press_x = x;
  self->press_y = y;
}

static void
click_stopped_cb (PvIdentifyPopover *self,
                  GtkGesture        *gesture)
{
  self->press_valid = FALSE;
}

static void
click_cancel_cb (PvIdentifyPopover *self,
                 GdkEventSequence  *sequence,
                 GtkGesture        *gesture)
{
  self->press_valid = FALSE;
}

static gboolean
click_timeout_cb (gpointer user_data)
{
  PvIdentifyPopover *self = user_data;

  self->click_source = 0;
  pv_identify_popover_identify_at (self, self->press_x, self->press_y);
  return G_SOURCE_REMOVE;
}

static void
click_released_cb (PvIdentifyPopover *self,
                   int                n_press,
                   double             x,
                   double             y,
                   GtkGestureClick   *gesture)
{
  int double_click_ms = 400;

  if (!self->press_valid || n_press != 1 || self->map_view == NULL)
    return;
  self->press_valid = FALSE;
  /* The end of a drag (the map moved under the pointer) is no click. */
  if (hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP_PIXELS)
    return;

  /* Wait until it cannot become a double click (which zooms). */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self->map_view)),
                "gtk-double-click-time", &double_click_ms, NULL);
  self->click_source = g_timeout_add (MAX (double_click_ms, 1), click_timeout_cb, self);
  g_source_set_name_by_id (self->click_source, "[planviewer] identify click");
}

/* Selection highlight: the map shows it after a new render. */

static void
selection_changed_cb (PvIdentifyPopover *self,
                      PvVectorLayer     *layer)
{
  if (self->map_view != NULL)
    pv_map_view_queue_render (self->map_view);
}

/* A layer's text was decoded anew (another encoding): the features shown
 * of it are read again, field names and values. */

typedef struct
{
  PvIdentifyPopover *popover;
  PvVectorLayer     *layer;
} TextChange;

static void
text_change_free (TextChange *change)
{
  g_object_unref (change->popover);
  g_object_unref (change->layer);
  g_free (change);
}

static gboolean
text_changed_idle_cb (gpointer user_data)
{
  TextChange *change = user_data;
  PvIdentifyPopover *self = change->popover;

  /* The groups exist while the popover is up. */
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (group->layer == change->layer)
        group_show (group);
    }
  return G_SOURCE_REMOVE;
}

/* Runs on the thread that decoded the layer, a worker usually: an idle
 * takes it to the main thread, and drops the references there. */
static void
text_changed_cb (PvIdentifyPopover *self,
                 PvVectorLayer     *layer)
{
  TextChange *change = g_new0 (TextChange, 1);

  change->popover = g_object_ref (self);
  change->layer = g_object_ref (layer);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, text_changed_idle_cb, change, (GDestroyNotify) text_change_free);
}

static void
layers_changed_cb (PvIdentifyPopover *self,
                   guint              position,
                   guint              removed,
                   guint              added,
                   GListModel        *layers)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PvLayer) layer = g_list_model_get_item (layers, i);

      if (!PV_IS_VECTOR_LAYER (layer))
        continue;
      g_signal_handlers_disconnect_by_func (layer, selection_changed_cb, self);
      g_signal_connect_object (layer, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_handlers_disconnect_by_func (layer, text_changed_cb, self);
      g_signal_connect_object (layer, "text-changed", G_CALLBACK (text_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  /* Removed layers take their highlight with them. */
  if (removed > 0 && gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_popover_popdown (GTK_POPOVER (self));
}

static void
map_changed_cb (PvIdentifyPopover *self,
                GParamSpec        *pspec,
                PvMapView         *map_view)
{
  PvMap *map = pv_map_view_get_map (map_view);

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_popover_popdown (GTK_POPOVER (self));
  if (self->layers != NULL)
    g_signal_handlers_disconnect_by_func (self->layers, layers_changed_cb, self);
  g_clear_object (&self->layers);
  if (map != NULL)
    self->layers = g_object_ref (pv_map_get_layers (map));
  if (self->layers != NULL)
    {
      g_signal_connect_object (self->layers, "items-changed", G_CALLBACK (layers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      layers_changed_cb (self, 0, 0, g_list_model_get_n_items (self->layers), self->layers);
    }
}

static void
map_view_destroy_cb (PvIdentifyPopover *self,
                     PvMapView         *map_view)
{
  g_clear_handle_id (&self->click_source, g_source_remove);
  gtk_widget_unparent (GTK_WIDGET (self));
}

/* GObject */

static void
pv_identify_popover_dispose (GObject *object)
{
  PvIdentifyPopover *self = PV_IDENTIFY_POPOVER (object);

  g_clear_handle_id (&self->click_source, g_source_remove);
  if (self->layers != NULL)
    g_signal_handlers_disconnect_by_func (self->layers, layers_changed_cb, self);
  g_clear_object (&self->layers);
  if (self->groups != NULL)
    clear_groups (self, FALSE);
  g_clear_weak_pointer (&self->map_view);

  gtk_widget_dispose_template (GTK_WIDGET (self), PV_TYPE_IDENTIFY_POPOVER);

  G_OBJECT_CLASS (pv_identify_popover_parent_class)->dispose (object);
}

static void
pv_identify_popover_finalize (GObject *object)
{
  PvIdentifyPopover *self = PV_IDENTIFY_POPOVER (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (pv_identify_popover_parent_class)->finalize (object);
}

static void
pv_identify_popover_class_init (PvIdentifyPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pv_identify_popover_dispose;
  object_class->finalize = pv_identify_popover_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, PV_RESOURCE_PATH "/ui/pv-identify-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PvIdentifyPopover, content);
  gtk_widget_class_bind_template_callback (widget_class, closed_cb);
}

static void
pv_identify_popover_init (PvIdentifyPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
}

/* Public API */

PvIdentifyPopover *
pv_identify_popover_new (PvMapView *map_view)
{
  PvIdentifyPopover *self;
  GtkGesture *click;

  g_return_val_if_fail (PV_IS_MAP_VIEW (map_view), NULL);

  self = g_object_new (PV_TYPE_IDENTIFY_POPOVER, NULL);
  g_set_weak_pointer (&self->map_view, map_view);
  gtk_widget_set_parent (GTK_WIDGET (self), GTK_WIDGET (map_view));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "identify");
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "stopped", G_CALLBACK (click_stopped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "cancel", G_CALLBACK (click_cancel_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (map_view), GTK_EVENT_CONTROLLER (click));
  self->click = click;

  g_signal_connect_object (map_view, "notify::map", G_CALLBACK (map_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (map_view, "destroy", G_CALLBACK (map_view_destroy_cb), self, G_CONNECT_SWAPPED);
  map_changed_cb (self, NULL, map_view);
  return self;
}

/* A raster has no features: show the pixel's band values instead. */
static gboolean
add_raster_section (PvIdentifyPopover *self,
                    PvRasterLayer     *layer,
                    PvCrs             *map_crs,
                    double             x,
                    double             y)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) nodata = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GError) error = NULL;
  g_autofree char *pixel = NULL;
  GtkWidget *box, *name, *grid;
  int column, row;
  guint line = 0;

  if (!pv_raster_layer_sample (layer, map_crs, x, y, values, nodata, &column, &row, &error) && error == NULL)
    return FALSE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = gtk_label_new (pv_layer_get_name (PV_LAYER (layer)));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 32);
  gtk_widget_add_css_class (name, "heading");
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), grid);

  if (error != NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 2, 1);
    }
  else
    {
      /* Translators: the column and row of a raster pixel. */
      pixel = g_strdup_printf (C_("identify", "%d, %d"), column, row);
      for (guint b = 0; b <= values->len; b++)
        {
          g_autofree char *band_name = NULL;
          g_autofree char *text = NULL;
          GtkWidget *key, *value;
          double v = b > 0 ? g_array_index (values, double, b - 1) : 0;

          if (b == 0)
            band_name = g_strdup (C_("identify", "Pixel"));
          else
            /* Translators: a raster band, "Band 1". */
            band_name = g_strdup_printf (C_("identify", "Band %u"), b);
          if (b == 0)
            text = g_strdup (pixel);
          else if (g_array_index (nodata, gboolean, b - 1))
            text = g_strdup (C_("identify", "(no data)"));
          else
            text = g_strdup_printf ("%.10g", v);
          key = gtk_label_new (band_name);
          value = gtk_label_new (text);
          gtk_label_set_xalign (GTK_LABEL (key), 0);
          gtk_widget_add_css_class (key, "dim-label");
          gtk_label_set_xalign (GTK_LABEL (value), 0);
          gtk_label_set_selectable (GTK_LABEL (value), TRUE);
          gtk_widget_add_css_class (value, "numeric");
          gtk_widget_set_hexpand (value, TRUE);
          gtk_grid_attach (GTK_GRID (grid), key, 0, line, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), value, 1, line, 1, 1);
          line++;
        }
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->content)) != NULL)
    gtk_box_append (self->content, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (self->content, box);
  self->n_rasters++;
  return TRUE;
}

guint
pv_identify_popover_identify_at (PvIdentifyPopover *self,
                                 double             x,
                                 double             y)
{
  g_autoptr(GPtrArray) old_layers = g_ptr_array_new_with_free_func (g_object_unref);
  PvMap *map;
  double mx, my, tolerance;
  guint n;

  g_return_val_if_fail (PV_IS_IDENTIFY_POPOVER (self), 0);

  if (self->map_view == NULL || (map = pv_map_view_get_map (self->map_view)) == NULL)
    return 0;

  for (guint i = 0; i < self->groups->len; i++)
    g_ptr_array_add (old_layers, g_object_ref (((Group *) g_ptr_array_index (self->groups, i))->layer));
  clear_groups (self, FALSE);

  pv_map_view_widget_to_map (self->map_view, x, y, &mx, &my);
  tolerance = TOLERANCE_PIXELS * pv_map_view_get_resolution (self->map_view);

  /* The layer model is bottom first: the topmost layer is listed first. */
  n = pv_map_get_n_layers (map);
  for (guint k = n; k > 0; k--)
    {
      PvLayer *layer = pv_map_get_layer (map, k - 1);
      g_autoptr(GArray) hits = NULL;

      if (!pv_layer_get_visible (layer))
        continue;
      if (PV_IS_RASTER_LAYER (layer))
        {
          add_raster_section (self, PV_RASTER_LAYER (layer), pv_map_get_crs (map), mx, my);
          continue;
        }
      if (!PV_IS_VECTOR_LAYER (layer))
        continue;
      hits = pv_vector_layer_identify (PV_VECTOR_LAYER (layer), mx, my, tolerance);
      if (hits->len == 0)
        continue;
      if (hits->len > 1)
        {
          /* Zoomed out, the tolerance reaches many polygons: the ones that
           * contain the point come first, then the ones near it. */
          g_autoptr(GArray) exact = pv_vector_layer_identify (PV_VECTOR_LAYER (layer), mx, my, 0);

          for (guint e = 0; e < exact->len; e++)
            for (guint h = 0; h < hits->len; h++)
              if (g_array_index (hits, guint32, h) == g_array_index (exact, guint32, e))
                {
                  g_array_remove_index (hits, h);
                  break;
                }
          g_array_prepend_vals (hits, exact->data, exact->len);
        }
      g_ptr_array_add (self->groups, group_new (self, PV_VECTOR_LAYER (layer), k - 1, hits));
    }

  /* The features shown are highlighted, and only they. */
  for (guint i = 0; i < old_layers->len; i++)
    {
      gboolean still = FALSE;

      for (guint j = 0; j < self->groups->len && !still; j++)
        still = ((Group *) g_ptr_array_index (self->groups, j))->layer == g_ptr_array_index (old_layers, i);
      if (!still)
        pv_vector_layer_set_selection (g_ptr_array_index (old_layers, i), NULL);
    }
  for (guint i = 0; i < self->groups->len; i++)
    group_select (g_ptr_array_index (self->groups, i));

  if (self->groups->len == 0 && self->n_rasters == 0)
    {
      /* closed_cb has nothing left to clear. */
      gtk_popover_popdown (GTK_POPOVER (self));
      return 0;
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self));
  return self->groups->len;
}

guint
pv_identify_popover_get_n_rasters (PvIdentifyPopover *self)
{
  g_return_val_if_fail (PV_IS_IDENTIFY_POPOVER (self), 0);

  return self->n_rasters;
}

guint
pv_identify_popover_get_n_layers (PvIdentifyPopover *self)
{
  g_return_val_if_fail (PV_IS_IDENTIFY_POPOVER (self), 0);

  return self->groups->len;
}

PvVectorLayer *
pv_identify_popover_get_layer (PvIdentifyPopover *self,
                               guint              i)
{
  g_return_val_if_fail (PV_IS_IDENTIFY_POPOVER (self), NULL);
  g_return_val_if_fail (i < self->groups->len, NULL);

  return ((Group *) g_ptr_array_index (self->groups, i))->layer;
}

guint
pv_identify_popover_get_n_hits (PvIdentifyPopover *self,
                                guint              i)
{
  g_return_val_if_fail (PV_IS_IDENTIFY_POPOVER (self), 0);
  g_return_val_if_fail (i < self->groups->len, 0);

  return ((Group *) g_ptr_array_index (self->groups, i))->hits->len;
}

guint
pv_identify_popover_get_feature (PvIdentifyPopover *self,
                                 guint              i)
{
  Group *group;

  g_return_val_if_fail (PV_IS_IDENTIFY_POPOVER (self), G_MAXUINT);
  g_return_val_if_fail (i < self->groups->len, G_MAXUINT);

  group = g_ptr_array_index (self->groups, i);
  return g_array_index (group->hits, guint32, group->current);
}

void
pv_identify_popover_step (PvIdentifyPopover *self,
                          guint              i,
                          int                step)
{
  Group *group;

  g_return_if_fail (PV_IS_IDENTIFY_POPOVER (self));
  g_return_if_fail (i < self->groups->len);

  group = g_ptr_array_index (self->groups, i);
  if (step > 0)
    next_clicked_cb (NULL, group);
  else if (step < 0)
    previous_clicked_cb (NULL, group);
}
