/* pv-annotation-tool.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pv-annotation-edit.h"
#include "pv-annotation-tool.h"

/* How near (widget px) a press must be to a line or handle to take it. */
#define HIT_TOLERANCE 6.0
/* A drag shorter than this (widget px) is a click. */
#define CLICK_SLOP 4.0
/* Freehand keeps a point when the pointer moved this far (widget px). */
#define FREEHAND_STEP 3.0
#define HANDLE_SIZE 8.0

typedef enum
{
  DRAG_NONE,
  DRAG_CREATE,    /* arrow, line, rectangle, freehand, callout */
  DRAG_POLYGON,   /* a press while a polygon is being clicked */
  DRAG_MOVE,      /* the selected annotation */
  DRAG_VERTEX,    /* one point of the selected annotation */
  DRAG_CLICK,     /* text: the release places it */
} DragKind;

struct _PvAnnotationTool
{
  GObject               parent_instance;

  PvAnnotationSet      *set;
  PvUndoStack          *stack;
  PvAnnotationToolMode  mode;
  PvAnnotationStyle     style;
  gboolean              fill_chosen;  /* text boxes keep white until a fill is chosen */
  PvAnnotation         *selected;

  PvMapView            *view;       /* weak: while the tool is active */

  /* What is being drawn (not yet in the set), in the set's CRS. */
  PvAnnotation         *draft;
  gboolean              callout_has_target;
  double                pointer_x;  /* widget */
  double                pointer_y;
  gboolean              pointer_valid;

  DragKind              drag;
  double                press_x;    /* widget */
  double                press_y;
  double                last_set_x; /* set CRS, the last drag position */
  double                last_set_y;
  int                   drag_vertex;
  guint                 merge_key;

  /* The inline text entry. */
  GtkWidget            *popover;
  GtkWidget            *entry;
  PvAnnotation         *text_target;  /* a new annotation (the draft) or the one edited */
  gboolean              text_is_new;
  gulong                set_changed_id;
  gulong                selected_style_id;
};

static void pv_annotation_tool_map_tool_init (PvMapToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PvAnnotationTool, pv_annotation_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PV_TYPE_MAP_TOOL, pv_annotation_tool_map_tool_init))

G_DEFINE_ENUM_TYPE (PvAnnotationToolMode, pv_annotation_tool_mode,
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_SELECT, "select"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_ARROW, "arrow"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_LINE, "line"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_POLYGON, "polygon"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_RECTANGLE, "rectangle"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_FREEHAND, "freehand"),
                    G_DEFINE_ENUM_VALUE (PV_ANNOTATION_TOOL_CALLOUT, "callout"))

enum
{
  PROP_0,
  PROP_ANNOTATIONS,
  PROP_UNDO_STACK,
  PROP_MODE,
  PROP_SELECTED,
  PROP_STYLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PvAnnotationKind
mode_kind (PvAnnotationToolMode mode)
{
  switch (mode)
    {
    case PV_ANNOTATION_TOOL_ARROW:
      return PV_ANNOTATION_ARROW;
    case PV_ANNOTATION_TOOL_LINE:
      return PV_ANNOTATION_LINE;
    case PV_ANNOTATION_TOOL_POLYGON:
      return PV_ANNOTATION_POLYGON;
    case PV_ANNOTATION_TOOL_RECTANGLE:
      return PV_ANNOTATION_RECTANGLE;
    case PV_ANNOTATION_TOOL_FREEHAND:
      return PV_ANNOTATION_FREEHAND;
    case PV_ANNOTATION_TOOL_CALLOUT:
      return PV_ANNOTATION_CALLOUT;
    case PV_ANNOTATION_TOOL_TEXT:
    case PV_ANNOTATION_TOOL_SELECT:
    default:
      return PV_ANNOTATION_TEXT;
    }
}

/* ---------------------------------------------------------------- coordinates */

static PvCrs *
view_crs (PvMapView *view)
{
  PvMap *map = pv_map_view_get_map (view);

  return map != NULL ? pv_map_get_crs (map) : NULL;
}

static gboolean
widget_to_set (PvAnnotationTool *self,
               PvMapView        *view,
               double            x,
               double            y,
               double           *sx,
               double           *sy)
{
  pv_map_view_widget_to_map (view, x, y, sx, sy);
  return pv_annotation_set_point_from_crs (self->set, view_crs (view), sx, sy);
}

static gboolean
set_to_widget (PvAnnotationTool *self,
               PvMapView        *view,
               double            sx,
               double            sy,
               double           *x,
               double           *y)
{
  if (!pv_annotation_set_point_to_crs (self->set, view_crs (view), &sx, &sy))
    return FALSE;
  pv_map_view_map_to_widget (view, sx, sy, x, y);
  return TRUE;
}

/* Device pixels per widget pixel. */
static double
device_scale (PvMapView *view)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));

  return width > 0 ? pv_viewport_get_width (pv_map_view_get_viewport (view)) / (double) width : 1.0;
}

static void
queue_draw (PvAnnotationTool *self)
{
  if (self->view != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

/* ---------------------------------------------------------------- state */

static void
clear_draft (PvAnnotationTool *self)
{
  if (self->draft == NULL)
    return;
  g_clear_object (&self->draft);
  self->callout_has_target = FALSE;
  queue_draw (self);
}

static PvAnnotation *
new_draft (PvAnnotationTool *self,
           PvAnnotationKind  kind)
{
  PvAnnotationStyle style;

  g_clear_object (&self->draft);
  self->draft = pv_annotation_new (kind);
  pv_annotation_get_style (self->draft, &style);
  memcpy (style.color, self->style.color, sizeof style.color);
  style.width_mm = self->style.width_mm;
  style.font_pt = self->style.font_pt;
  /* Lines have no fill; areas take the tool's, text boxes the one chosen. */
  if (kind == PV_ANNOTATION_POLYGON || kind == PV_ANNOTATION_RECTANGLE
      || ((kind == PV_ANNOTATION_TEXT || kind == PV_ANNOTATION_CALLOUT) && self->fill_chosen))
    memcpy (style.fill, self->style.fill, sizeof style.fill);
  pv_annotation_set_style (self->draft, &style);
  if (kind == PV_ANNOTATION_CALLOUT)
    pv_annotation_set_number (self->draft, pv_annotation_set_next_number (self->set));
  self->callout_has_target = FALSE;
  return self->draft;
}

/* The draft becomes an annotation of the set (one undoable step). */
static void
commit_draft (PvAnnotationTool *self)
{
  g_autoptr(PvAnnotation) annotation = g_steal_pointer (&self->draft);

  self->callout_has_target = FALSE;
  queue_draw (self);
  if (annotation == NULL || !pv_annotation_is_complete (annotation))
    return;
  pv_annotation_edit_add (self->stack, self->set, annotation);
}

static void popdown_text (PvAnnotationTool *self);

static void
cancel (PvAnnotationTool *self)
{
  popdown_text (self);
  clear_draft (self);
  self->drag = DRAG_NONE;
}

static void
set_changed_cb (PvAnnotationTool *self,
                PvAnnotationSet  *set)
{
  /* An undo may have taken the selected annotation away. */
  if (self->selected != NULL && !pv_annotation_set_find (set, self->selected, NULL))
    pv_annotation_tool_set_selected (self, NULL);
  queue_draw (self);
}

/* ---------------------------------------------------------------- text entry */

static void
popdown_text (PvAnnotationTool *self)
{
  /* A new text or callout waiting for its text is dropped. */
  if (self->text_target != NULL && self->text_is_new && self->text_target == self->draft)
    clear_draft (self);
  g_clear_object (&self->text_target);
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
entry_activate_cb (PvAnnotationTool *self,
                   GtkEntry         *entry)
{
  g_autoptr(PvAnnotation) target = g_steal_pointer (&self->text_target);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  if (target != NULL)
    {
      if (self->text_is_new)
        {
          if (text[0] != '\0' && target == self->draft)
            {
              pv_annotation_set_text (target, text);
              commit_draft (self);
            }
          else
            clear_draft (self);
        }
      else if (pv_annotation_set_find (self->set, target, NULL))
        pv_annotation_edit_set_text (self->stack, target, text[0] != '\0' ? text : NULL);
    }
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
popover_closed_cb (PvAnnotationTool *self,
                   GtkPopover       *popover)
{
  /* Closed without Enter: a new text is dropped, an edit forgotten. */
  if (self->text_target != NULL && self->text_is_new && self->text_target == self->draft)
    clear_draft (self);
  g_clear_object (&self->text_target);
}

static void
ensure_popover (PvAnnotationTool *self)
{
  if (self->popover != NULL || self->view == NULL)
    return;
  self->popover = gtk_popover_new ();
  gtk_widget_set_name (self->popover, "annotation-text");
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  self->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Annotation text"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 28);
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->entry);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self->view));
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (popover_closed_cb), self, G_CONNECT_SWAPPED);
}

static void
destroy_popover (PvAnnotationTool *self)
{
  if (self->popover == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->popover, self);
  g_signal_handlers_disconnect_by_data (self->entry, self);
  gtk_widget_unparent (self->popover);
  self->popover = NULL;
  self->entry = NULL;
}

/* Opens the entry at the text box of target (the draft, new, or an
 * annotation of the set). */
static void
popup_text (PvAnnotationTool *self,
            PvAnnotation     *target,
            gboolean          is_new)
{
  PvViewport *viewport;
  double x, y, w, h, scale;
  const char *text = pv_annotation_get_text (target);

  if (self->view == NULL)
    return;
  ensure_popover (self);
  viewport = pv_map_view_get_viewport (self->view);
  scale = device_scale (self->view);
  if (pv_annotation_set_get_text_box (self->set, target, viewport, view_crs (self->view), &x, &y, &w, &h))
    x /= scale, y /= scale, w /= scale, h /= scale;
  else
    {
      double px, py;

      pv_annotation_get_point (target, 0, &px, &py);
      set_to_widget (self, self->view, px, py, &x, &y);
      w = h = 1;
    }
  g_set_object (&self->text_target, target);
  self->text_is_new = is_new;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) x, (int) y, MAX (1, (int) w), MAX (1, (int) h) });
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->entry);
}

/* ---------------------------------------------------------------- input */

static void
draft_set_end (PvAnnotationTool *self,
               double            sx,
               double            sy)
{
  PvAnnotation *draft = self->draft;
  double x0, y0;

  pv_annotation_get_point (draft, 0, &x0, &y0);
  switch (pv_annotation_get_kind (draft))
    {
    case PV_ANNOTATION_RECTANGLE:
      pv_annotation_set_rectangle (draft, x0, y0, sx, sy);
      break;
    case PV_ANNOTATION_FREEHAND:
      {
        double lx, ly, wx0, wy0, wx1, wy1;
        guint n = pv_annotation_get_n_points (draft);

        pv_annotation_get_point (draft, n - 1, &lx, &ly);
        set_to_widget (self, self->view, lx, ly, &wx0, &wy0);
        set_to_widget (self, self->view, sx, sy, &wx1, &wy1);
        if (n < 2 || hypot (wx1 - wx0, wy1 - wy0) >= FREEHAND_STEP)
          pv_annotation_insert_point (draft, n, sx, sy);
      }
      break;
    default:
      {
        double xy[4] = { x0, y0, sx, sy };

        pv_annotation_set_points (draft, xy, 2);
      }
      break;
    }
  queue_draw (self);
}

/* Drops trailing points of the polygon draft that a double click doubled. */
static void
polygon_drop_doubled (PvAnnotationTool *self)
{
  guint n;

  while ((n = pv_annotation_get_n_points (self->draft)) >= 2)
    {
      double ax, ay, bx, by, wax, way, wbx, wby;

      pv_annotation_get_point (self->draft, n - 2, &ax, &ay);
      pv_annotation_get_point (self->draft, n - 1, &bx, &by);
      set_to_widget (self, self->view, ax, ay, &wax, &way);
      set_to_widget (self, self->view, bx, by, &wbx, &wby);
      if (hypot (wbx - wax, wby - way) > CLICK_SLOP)
        break;
      pv_annotation_remove_point (self->draft, n - 1);
    }
}

static void
finish_polygon (PvAnnotationTool *self)
{
  if (self->draft == NULL || pv_annotation_get_kind (self->draft) != PV_ANNOTATION_POLYGON)
    return;
  polygon_drop_doubled (self);
  if (pv_annotation_get_n_points (self->draft) >= 3)
    commit_draft (self);
  else
    clear_draft (self);
}

static gboolean
select_press (PvAnnotationTool *self,
              PvMapView        *view,
              int               n_press,
              double            x,
              double            y)
{
  PvViewport *viewport = pv_map_view_get_viewport (view);
  double scale = device_scale (view);
  PvAnnotation *hit = NULL;
  int vertex = -1;

  /* The selected annotation's handles first. */
  if (self->selected != NULL)
    {
      g_autoptr(PvAnnotationSet) only = pv_annotation_set_new (pv_annotation_set_get_crs (self->set));

      pv_annotation_set_add (only, self->selected);
      hit = pv_annotation_set_hit_test (only, viewport, view_crs (view), x * scale, y * scale,
                                        HIT_TOLERANCE * scale, &vertex);
      pv_annotation_set_clear (only);
    }
  if (hit == NULL)
    hit = pv_annotation_set_hit_test (self->set, viewport, view_crs (view), x * scale, y * scale,
                                      HIT_TOLERANCE * scale, &vertex);
  if (hit == NULL)
    {
      pv_annotation_tool_set_selected (self, NULL);
      return FALSE;  /* the map pans */
    }
  if (n_press >= 2)
    {
      pv_annotation_tool_set_selected (self, hit);
      self->drag = DRAG_NONE;
      popup_text (self, hit, FALSE);
      return TRUE;
    }
  /* A handle moves a point only of the annotation already selected. */
  if (hit != self->selected)
    vertex = -1;
  pv_annotation_tool_set_selected (self, hit);
  if (!widget_to_set (self, view, x, y, &self->last_set_x, &self->last_set_y))
    return TRUE;
  self->drag = vertex >= 0 ? DRAG_VERTEX : DRAG_MOVE;
  self->drag_vertex = vertex;
  self->merge_key = pv_undo_stack_new_merge_key (self->stack);
  return TRUE;
}

static gboolean
tool_press (PvMapTool       *tool,
            PvMapView       *view,
            int              n_press,
            double           x,
            double           y,
            GdkModifierType  state)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);
  PvAnnotationKind kind = mode_kind (self->mode);
  double sx, sy;

  if (self->set == NULL || self->stack == NULL)
    return FALSE;
  self->press_x = x;
  self->press_y = y;
  self->drag = DRAG_NONE;

  if (self->mode == PV_ANNOTATION_TOOL_SELECT)
    return select_press (self, view, n_press, x, y);

  if (!widget_to_set (self, view, x, y, &sx, &sy))
    return TRUE;
  popdown_text (self);

  switch (self->mode)
    {
    case PV_ANNOTATION_TOOL_TEXT:
      if (n_press == 1)
        self->drag = DRAG_CLICK;
      return TRUE;

    case PV_ANNOTATION_TOOL_POLYGON:
      if (n_press >= 2)
        {
          finish_polygon (self);
          return TRUE;
        }
      if (self->draft == NULL || pv_annotation_get_kind (self->draft) != PV_ANNOTATION_POLYGON)
        new_draft (self, kind);
      pv_annotation_insert_point (self->draft, pv_annotation_get_n_points (self->draft), sx, sy);
      self->drag = DRAG_POLYGON;
      queue_draw (self);
      return TRUE;

    case PV_ANNOTATION_TOOL_CALLOUT:
      if (n_press >= 2)
        return TRUE;
      if (self->draft != NULL && self->callout_has_target)
        {
          /* The second click: where the text goes. */
          draft_set_end (self, sx, sy);
          self->drag = DRAG_NONE;
          popup_text (self, self->draft, TRUE);
          return TRUE;
        }
      new_draft (self, kind);
      pv_annotation_set_points (self->draft, (double[]) { sx, sy }, 1);
      self->drag = DRAG_CREATE;
      return TRUE;

    case PV_ANNOTATION_TOOL_ARROW:
    case PV_ANNOTATION_TOOL_LINE:
    case PV_ANNOTATION_TOOL_RECTANGLE:
    case PV_ANNOTATION_TOOL_FREEHAND:
      if (n_press >= 2)
        return TRUE;
      new_draft (self, kind);
      pv_annotation_set_points (self->draft, (double[]) { sx, sy }, 1);
      self->drag = DRAG_CREATE;
      return TRUE;

    case PV_ANNOTATION_TOOL_SELECT:
    default:
      return FALSE;
    }
}

static void
tool_drag_update (PvMapTool *tool,
                  PvMapView *view,
                  double     x,
                  double     y)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);
  double sx, sy;

  self->pointer_x = x, self->pointer_y = y, self->pointer_valid = TRUE;
  if (!widget_to_set (self, view, x, y, &sx, &sy))
    return;
  switch (self->drag)
    {
    case DRAG_CREATE:
      if (self->draft != NULL && hypot (x - self->press_x, y - self->press_y) >= CLICK_SLOP)
        draft_set_end (self, sx, sy);
      break;
    case DRAG_POLYGON:
      /* A press-drag places the new point where it is released. */
      if (self->draft != NULL)
        pv_annotation_move_point (self->draft, pv_annotation_get_n_points (self->draft) - 1, sx, sy);
      queue_draw (self);
      break;
    case DRAG_MOVE:
      if (self->selected != NULL)
        pv_annotation_edit_move (self->stack, self->selected, sx - self->last_set_x, sy - self->last_set_y,
                                 self->merge_key);
      self->last_set_x = sx, self->last_set_y = sy;
      break;
    case DRAG_VERTEX:
      if (self->selected != NULL && self->drag_vertex < (int) pv_annotation_get_n_points (self->selected))
        pv_annotation_edit_move_point (self->stack, self->selected, self->drag_vertex, sx, sy, self->merge_key);
      break;
    case DRAG_CLICK:
    case DRAG_NONE:
    default:
      break;
    }
}

static void
tool_release (PvMapTool *tool,
              PvMapView *view,
              double     x,
              double     y)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);
  gboolean moved = hypot (x - self->press_x, y - self->press_y) >= CLICK_SLOP;
  DragKind drag = self->drag;
  double sx, sy;

  self->drag = DRAG_NONE;
  if (!widget_to_set (self, view, x, y, &sx, &sy))
    return;
  switch (drag)
    {
    case DRAG_CLICK:
      if (self->mode == PV_ANNOTATION_TOOL_TEXT)
        {
          new_draft (self, PV_ANNOTATION_TEXT);
          pv_annotation_set_points (self->draft, (double[]) { sx, sy }, 1);
          popup_text (self, self->draft, TRUE);
        }
      break;
    case DRAG_CREATE:
      if (self->draft == NULL)
        break;
      if (pv_annotation_get_kind (self->draft) == PV_ANNOTATION_CALLOUT)
        {
          if (moved)
            {
              /* Dragged from the target to where the text goes. */
              draft_set_end (self, sx, sy);
              popup_text (self, self->draft, TRUE);
            }
          else
            {
              self->callout_has_target = TRUE;
              queue_draw (self);
            }
          break;
        }
      if (!moved)
        {
          clear_draft (self);
          break;
        }
      draft_set_end (self, sx, sy);
      commit_draft (self);
      break;
    case DRAG_MOVE:
    case DRAG_VERTEX:
      self->merge_key = 0;
      break;
    case DRAG_POLYGON:
    case DRAG_NONE:
    default:
      break;
    }
}

static void
tool_motion (PvMapTool *tool,
             PvMapView *view,
             double     x,
             double     y)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);

  self->pointer_x = x, self->pointer_y = y, self->pointer_valid = TRUE;
  /* Rubber bands: the next polygon edge, the callout's leader. */
  if (self->draft != NULL
      && (pv_annotation_get_kind (self->draft) == PV_ANNOTATION_POLYGON || self->callout_has_target))
    queue_draw (self);
}

static gboolean
tool_key_pressed (PvMapTool       *tool,
                  PvMapView       *view,
                  guint            keyval,
                  GdkModifierType  state)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->draft != NULL || self->drag != DRAG_NONE)
        {
          cancel (self);
          return TRUE;
        }
      if (self->selected != NULL)
        {
          pv_annotation_tool_set_selected (self, NULL);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->draft != NULL && pv_annotation_get_kind (self->draft) == PV_ANNOTATION_POLYGON)
        {
          finish_polygon (self);
          return TRUE;
        }
      if (self->mode == PV_ANNOTATION_TOOL_SELECT && self->selected != NULL)
        return pv_annotation_tool_edit_text (self);
      return FALSE;

    case GDK_KEY_BackSpace:
      if (self->draft != NULL && pv_annotation_get_kind (self->draft) == PV_ANNOTATION_POLYGON)
        {
          guint n = pv_annotation_get_n_points (self->draft);

          if (n <= 1)
            clear_draft (self);
          else
            pv_annotation_remove_point (self->draft, n - 1);
          queue_draw (self);
          return TRUE;
        }
      return pv_annotation_tool_delete_selected (self);

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      return pv_annotation_tool_delete_selected (self);

    default:
      return FALSE;
    }
}

/* ---------------------------------------------------------------- drawing */

static void
snapshot_handles (PvAnnotationTool *self,
                  PvMapView        *view,
                  GtkSnapshot      *snapshot)
{
  const double *xy;
  guint n;

  xy = pv_annotation_get_points (self->selected, &n);
  for (guint i = 0; i < n; i++)
    {
      double x, y;
      GskRoundedRect outline;
      graphene_rect_t box;

      if (!set_to_widget (self, view, xy[2 * i], xy[2 * i + 1], &x, &y))
        continue;
      box = GRAPHENE_RECT_INIT (x - HANDLE_SIZE / 2, y - HANDLE_SIZE / 2, HANDLE_SIZE, HANDLE_SIZE);
      gsk_rounded_rect_init_from_rect (&outline, &box, 0);
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &box);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1.5, 1.5, 1.5, 1.5 },
                                  (GdkRGBA[4]) { { 0.11, 0.44, 0.85, 1 }, { 0.11, 0.44, 0.85, 1 },
                                                 { 0.11, 0.44, 0.85, 1 }, { 0.11, 0.44, 0.85, 1 } });
    }
}

static void
tool_snapshot (PvMapTool   *tool,
               PvMapView   *view,
               GtkSnapshot *snapshot)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  if (self->set == NULL)
    return;
  if (self->draft != NULL && pv_annotation_get_n_points (self->draft) > 0)
    {
      g_autoptr(PvAnnotation) shown = pv_annotation_copy (self->draft);
      double scale = device_scale (view);
      cairo_t *cr;
      double sx, sy;

      /* With the pointer as the next point of a polygon or the callout's
       * text position. */
      if (self->pointer_valid && self->drag == DRAG_NONE
          && widget_to_set (self, view, self->pointer_x, self->pointer_y, &sx, &sy))
        {
          if (pv_annotation_get_kind (shown) == PV_ANNOTATION_POLYGON)
            pv_annotation_insert_point (shown, pv_annotation_get_n_points (shown), sx, sy);
          else if (self->callout_has_target && pv_annotation_get_n_points (shown) == 1)
            pv_annotation_insert_point (shown, 1, sx, sy);
        }
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      cairo_scale (cr, 1.0 / scale, 1.0 / scale);
      if (pv_annotation_get_kind (shown) == PV_ANNOTATION_POLYGON && pv_annotation_get_n_points (shown) == 2)
        {
          /* Two points: the first edge, as a line. */
          g_autoptr(PvAnnotation) edge = pv_annotation_new (PV_ANNOTATION_LINE);
          PvAnnotationStyle style;
          guint n;
          const double *xy = pv_annotation_get_points (shown, &n);

          pv_annotation_get_style (shown, &style);
          pv_annotation_set_style (edge, &style);
          pv_annotation_set_points (edge, xy, n);
          pv_annotation_set_draw_annotation (self->set, edge, cr, pv_map_view_get_viewport (view), view_crs (view));
        }
      else if (pv_annotation_get_n_points (shown) >= pv_annotation_kind_min_points (pv_annotation_get_kind (shown), FALSE)
               || pv_annotation_get_kind (shown) == PV_ANNOTATION_CALLOUT)
        pv_annotation_set_draw_annotation (self->set, shown, cr, pv_map_view_get_viewport (view), view_crs (view));
      cairo_destroy (cr);
    }
  if (self->selected != NULL)
    snapshot_handles (self, view, snapshot);
}

static const char *
tool_get_cursor_name (PvMapTool *tool)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);

  switch (self->mode)
    {
    case PV_ANNOTATION_TOOL_SELECT:
      return NULL;
    case PV_ANNOTATION_TOOL_TEXT:
      return "text";
    default:
      return "crosshair";
    }
}

static void
tool_activate (PvMapTool *tool,
               PvMapView *view)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);

  g_set_weak_pointer (&self->view, view);
}

static void
tool_deactivate (PvMapTool *tool,
                 PvMapView *view)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (tool);

  cancel (self);
  destroy_popover (self);
  queue_draw (self);
  g_clear_weak_pointer (&self->view);
}

static void
pv_annotation_tool_map_tool_init (PvMapToolInterface *iface)
{
  iface->activate = tool_activate;
  iface->deactivate = tool_deactivate;
  iface->press = tool_press;
  iface->drag_update = tool_drag_update;
  iface->release = tool_release;
  iface->motion = tool_motion;
  iface->key_pressed = tool_key_pressed;
  iface->snapshot = tool_snapshot;
  iface->get_cursor_name = tool_get_cursor_name;
}

/* ---------------------------------------------------------------- object */

static void
pv_annotation_tool_dispose (GObject *object)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (object);

  if (self->view != NULL)
    tool_deactivate (PV_MAP_TOOL (self), self->view);
  pv_annotation_tool_set_annotations (self, NULL);
  pv_annotation_tool_set_selected (self, NULL);
  g_clear_object (&self->stack);
  g_clear_object (&self->draft);
  g_clear_object (&self->text_target);
  G_OBJECT_CLASS (pv_annotation_tool_parent_class)->dispose (object);
}

static void
pv_annotation_tool_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (object);

  switch (prop_id)
    {
    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->set);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->stack);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    case PROP_STYLE:
      g_value_set_boxed (value, &self->style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_tool_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PvAnnotationTool *self = PV_ANNOTATION_TOOL (object);

  switch (prop_id)
    {
    case PROP_ANNOTATIONS:
      pv_annotation_tool_set_annotations (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      pv_annotation_tool_set_undo_stack (self, g_value_get_object (value));
      break;
    case PROP_MODE:
      pv_annotation_tool_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_SELECTED:
      pv_annotation_tool_set_selected (self, g_value_get_object (value));
      break;
    case PROP_STYLE:
      if (g_value_get_boxed (value) != NULL)
        pv_annotation_tool_set_style (self, g_value_get_boxed (value), 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_tool_class_init (PvAnnotationToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_annotation_tool_dispose;
  object_class->get_property = pv_annotation_tool_get_property;
  object_class->set_property = pv_annotation_tool_set_property;

  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, PV_TYPE_ANNOTATION_SET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, PV_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, PV_TYPE_ANNOTATION_TOOL_MODE, PV_ANNOTATION_TOOL_SELECT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, PV_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STYLE] =
    g_param_spec_boxed ("style", NULL, NULL, PV_TYPE_ANNOTATION_STYLE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pv_annotation_tool_init (PvAnnotationTool *self)
{
  pv_annotation_style_init (&self->style, PV_ANNOTATION_POLYGON);
  self->drag_vertex = -1;
}

PvAnnotationTool *
pv_annotation_tool_new (PvAnnotationSet *set,
                        PvUndoStack     *stack)
{
  g_return_val_if_fail (set == NULL || PV_IS_ANNOTATION_SET (set), NULL);
  g_return_val_if_fail (stack == NULL || PV_IS_UNDO_STACK (stack), NULL);

  return g_object_new (PV_TYPE_ANNOTATION_TOOL, "annotations", set, "undo-stack", stack, NULL);
}

PvAnnotationSet *
pv_annotation_tool_get_annotations (PvAnnotationTool *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_TOOL (self), NULL);
  return self->set;
}

void
pv_annotation_tool_set_annotations (PvAnnotationTool *self,
                                    PvAnnotationSet  *set)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOL (self));
  g_return_if_fail (set == NULL || PV_IS_ANNOTATION_SET (set));

  if (self->set == set)
    return;
  cancel (self);
  pv_annotation_tool_set_selected (self, NULL);
  if (self->set != NULL)
    g_clear_signal_handler (&self->set_changed_id, self->set);
  g_set_object (&self->set, set);
  if (set != NULL)
    self->set_changed_id = g_signal_connect_object (set, "changed", G_CALLBACK (set_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
  queue_draw (self);
}

PvUndoStack *
pv_annotation_tool_get_undo_stack (PvAnnotationTool *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_TOOL (self), NULL);
  return self->stack;
}

void
pv_annotation_tool_set_undo_stack (PvAnnotationTool *self,
                                   PvUndoStack      *stack)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOL (self));
  g_return_if_fail (stack == NULL || PV_IS_UNDO_STACK (stack));

  if (g_set_object (&self->stack, stack))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_STACK]);
}

PvAnnotationToolMode
pv_annotation_tool_get_mode (PvAnnotationTool *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_TOOL (self), PV_ANNOTATION_TOOL_SELECT);
  return self->mode;
}

void
pv_annotation_tool_set_mode (PvAnnotationTool     *self,
                             PvAnnotationToolMode  mode)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOL (self));
  g_return_if_fail (mode <= PV_ANNOTATION_TOOL_CALLOUT);

  if (self->mode == mode)
    return;
  cancel (self);
  self->mode = mode;
  if (mode != PV_ANNOTATION_TOOL_SELECT)
    pv_annotation_tool_set_selected (self, NULL);
  if (self->view != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->view), tool_get_cursor_name (PV_MAP_TOOL (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

PvAnnotation *
pv_annotation_tool_get_selected (PvAnnotationTool *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_TOOL (self), NULL);
  return self->selected;
}

static void
selected_style_cb (PvAnnotationTool *self,
                   GParamSpec       *pspec,
                   PvAnnotation     *annotation)
{
  PvAnnotationStyle style;

  pv_annotation_get_style (annotation, &style);
  if (memcmp (&style, &self->style, sizeof style) == 0)
    return;
  self->style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

void
pv_annotation_tool_set_selected (PvAnnotationTool *self,
                                 PvAnnotation     *annotation)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOL (self));
  g_return_if_fail (annotation == NULL || PV_IS_ANNOTATION (annotation));

  if (self->selected == annotation)
    return;
  if (self->selected != NULL)
    g_clear_signal_handler (&self->selected_style_id, self->selected);
  g_set_object (&self->selected, annotation);
  /* The tools show the selected annotation's style, undone or not. */
  if (annotation != NULL)
    {
      self->selected_style_id = g_signal_connect_object (annotation, "notify::style",
                                                         G_CALLBACK (selected_style_cb), self,
                                                         G_CONNECT_SWAPPED);
      selected_style_cb (self, NULL, annotation);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  queue_draw (self);
}

void
pv_annotation_tool_get_style (PvAnnotationTool  *self,
                              PvAnnotationStyle *style)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOL (self));
  g_return_if_fail (style != NULL);
  *style = self->style;
}

void
pv_annotation_tool_set_style (PvAnnotationTool        *self,
                              const PvAnnotationStyle *style,
                              guint                    merge_key)
{
  g_return_if_fail (PV_IS_ANNOTATION_TOOL (self));
  g_return_if_fail (style != NULL);

  if (self->selected != NULL && self->stack != NULL)
    pv_annotation_edit_set_style (self->stack, self->selected, style, merge_key);
  if (memcmp (&self->style, style, sizeof *style) == 0)
    return;
  if (memcmp (self->style.fill, style->fill, sizeof style->fill) != 0)
    self->fill_chosen = TRUE;
  self->style = *style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

gboolean
pv_annotation_tool_delete_selected (PvAnnotationTool *self)
{
  g_autoptr(PvAnnotation) selected = NULL;

  g_return_val_if_fail (PV_IS_ANNOTATION_TOOL (self), FALSE);

  if (self->selected == NULL || self->set == NULL || self->stack == NULL)
    return FALSE;
  selected = g_object_ref (self->selected);
  pv_annotation_tool_set_selected (self, NULL);
  pv_annotation_edit_remove (self->stack, self->set, selected);
  return TRUE;
}

gboolean
pv_annotation_tool_edit_text (PvAnnotationTool *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_TOOL (self), FALSE);

  if (self->selected == NULL || self->view == NULL)
    return FALSE;
  popup_text (self, self->selected, FALSE);
  return TRUE;
}

/* ---------------------------------------------------------------- overlay */

typedef struct
{
  PvMapView       *view;   /* owns the overlay */
  PvAnnotationSet *set;
  gulong           changed_id;
} Overlay;

static void
overlay_draw_cb (cairo_t    *cr,
                 PvViewport *viewport,
                 gpointer    data)
{
  Overlay *overlay = data;

  pv_annotation_set_draw_in_crs (overlay->set, cr, viewport, view_crs (overlay->view));
}

static void
overlay_free (gpointer data)
{
  Overlay *overlay = data;

  g_clear_signal_handler (&overlay->changed_id, overlay->set);
  g_clear_object (&overlay->set);
  g_free (overlay);
}

guint
pv_annotation_overlay_add (PvMapView       *view,
                           PvAnnotationSet *set)
{
  Overlay *overlay;

  g_return_val_if_fail (PV_IS_MAP_VIEW (view), 0);
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (set), 0);

  overlay = g_new0 (Overlay, 1);
  overlay->view = view;
  overlay->set = g_object_ref (set);
  overlay->changed_id = g_signal_connect_object (set, "changed", G_CALLBACK (gtk_widget_queue_draw), view,
                                                 G_CONNECT_SWAPPED);
  return pv_map_view_add_overlay (view, overlay_draw_cb, overlay, overlay_free);
}
