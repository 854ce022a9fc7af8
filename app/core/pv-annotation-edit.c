/* pv-annotation-edit.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pv-annotation-edit.h"

/* ---------------------------------------------------------------- add, remove */

typedef struct
{
  PvUndoCommand    parent;
  PvAnnotationSet *set;
  PvAnnotation    *annotation;
  guint            position;
  gboolean         add;     /* redo adds (else removes) */
} AddCommand;

static void
add_command_apply (AddCommand *self,
                   gboolean    add)
{
  if (add)
    pv_annotation_set_insert (self->set, self->position, self->annotation);
  else
    pv_annotation_set_remove (self->set, self->annotation);
}

static void
add_command_redo (PvUndoCommand *command)
{
  AddCommand *self = (AddCommand *) command;

  add_command_apply (self, self->add);
}

static void
add_command_undo (PvUndoCommand *command)
{
  AddCommand *self = (AddCommand *) command;

  add_command_apply (self, !self->add);
}

static void
add_command_free (PvUndoCommand *command)
{
  AddCommand *self = (AddCommand *) command;

  g_clear_object (&self->set);
  g_clear_object (&self->annotation);
  pv_undo_command_clear (command);
  g_free (self);
}

static PvUndoCommand *
add_command_new (PvAnnotationSet *set,
                 PvAnnotation    *annotation,
                 guint            position,
                 gboolean         add,
                 char            *label)
{
  AddCommand *self = g_new0 (AddCommand, 1);

  self->parent.label = label;
  self->parent.redo = add_command_redo;
  self->parent.undo = add_command_undo;
  self->parent.free = add_command_free;
  self->set = g_object_ref (set);
  self->annotation = g_object_ref (annotation);
  self->position = position;
  self->add = add;
  return &self->parent;
}

static const char *
kind_add_label (PvAnnotationKind kind)
{
  switch (kind)
    {
    case PV_ANNOTATION_TEXT:
      return _("Add Text");
    case PV_ANNOTATION_ARROW:
      return _("Add Arrow");
    case PV_ANNOTATION_LINE:
      return _("Add Line");
    case PV_ANNOTATION_POLYGON:
      return _("Add Polygon");
    case PV_ANNOTATION_RECTANGLE:
      return _("Add Rectangle");
    case PV_ANNOTATION_FREEHAND:
      return _("Add Freehand Drawing");
    case PV_ANNOTATION_CALLOUT:
      return _("Add Callout");
    case PV_ANNOTATION_MEASUREMENT:
    default:
      return _("Keep Measurement");
    }
}

void
pv_annotation_edit_add (PvUndoStack     *stack,
                        PvAnnotationSet *set,
                        PvAnnotation    *annotation)
{
  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION_SET (set));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (!pv_annotation_set_find (set, annotation, NULL));

  pv_undo_stack_push (stack, add_command_new (set, annotation, pv_annotation_set_get_n_annotations (set), TRUE,
                                              g_strdup (kind_add_label (pv_annotation_get_kind (annotation)))));
}

void
pv_annotation_edit_remove (PvUndoStack     *stack,
                           PvAnnotationSet *set,
                           PvAnnotation    *annotation)
{
  guint position;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION_SET (set));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));

  if (!pv_annotation_set_find (set, annotation, &position))
    return;
  pv_undo_stack_push (stack, add_command_new (set, annotation, position, FALSE,
                                              g_strdup (_("Delete Annotation"))));
}

/* ---------------------------------------------------------------- reorder */

typedef struct
{
  PvUndoCommand    parent;
  PvAnnotationSet *set;
  guint            from;
  guint            to;
} ReorderCommand;

static void
reorder_command_redo (PvUndoCommand *command)
{
  ReorderCommand *self = (ReorderCommand *) command;

  pv_annotation_set_move (self->set, self->from, self->to);
}

static void
reorder_command_undo (PvUndoCommand *command)
{
  ReorderCommand *self = (ReorderCommand *) command;

  pv_annotation_set_move (self->set, self->to, self->from);
}

static void
reorder_command_free (PvUndoCommand *command)
{
  ReorderCommand *self = (ReorderCommand *) command;

  g_clear_object (&self->set);
  pv_undo_command_clear (command);
  g_free (self);
}

void
pv_annotation_edit_reorder (PvUndoStack     *stack,
                            PvAnnotationSet *set,
                            guint            from,
                            guint            to)
{
  ReorderCommand *self;
  guint n;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION_SET (set));

  n = pv_annotation_set_get_n_annotations (set);
  g_return_if_fail (from < n);
  to = MIN (to, n - 1);
  if (from == to)
    return;
  self = g_new0 (ReorderCommand, 1);
  self->parent.label = g_strdup (to > from ? _("Raise Annotation") : _("Lower Annotation"));
  self->parent.redo = reorder_command_redo;
  self->parent.undo = reorder_command_undo;
  self->parent.free = reorder_command_free;
  self->set = g_object_ref (set);
  self->from = from;
  self->to = to;
  pv_undo_stack_push (stack, &self->parent);
}

/* ---------------------------------------------------------------- changes */

/* A change of one annotation, as its state before and after: undo puts
 * back before, redo puts after. Merging keeps the first before and takes
 * the next after. */
typedef struct
{
  PvUndoCommand  parent;
  PvAnnotation  *annotation;
  PvAnnotation  *before;
  PvAnnotation  *after;
} ChangeCommand;

static void
apply_state (PvAnnotation *annotation,
             PvAnnotation *state)
{
  PvAnnotationStyle style;
  const double *xy;
  guint n;

  g_object_freeze_notify (G_OBJECT (annotation));
  xy = pv_annotation_get_points (state, &n);
  pv_annotation_set_points (annotation, xy, n);
  pv_annotation_set_text (annotation, pv_annotation_get_text (state));
  pv_annotation_get_style (state, &style);
  pv_annotation_set_style (annotation, &style);
  pv_annotation_set_number (annotation, pv_annotation_get_number (state));
  pv_annotation_set_closed (annotation, pv_annotation_get_closed (state));
  g_object_thaw_notify (G_OBJECT (annotation));
}

static void
change_command_redo (PvUndoCommand *command)
{
  ChangeCommand *self = (ChangeCommand *) command;

  apply_state (self->annotation, self->after);
}

static void
change_command_undo (PvUndoCommand *command)
{
  ChangeCommand *self = (ChangeCommand *) command;

  apply_state (self->annotation, self->before);
}

static gboolean
change_command_merge (PvUndoCommand *command,
                      PvUndoCommand *next_command)
{
  ChangeCommand *self = (ChangeCommand *) command;
  ChangeCommand *next = (ChangeCommand *) next_command;

  if (next->parent.redo != change_command_redo || next->annotation != self->annotation
      || g_strcmp0 (next->parent.label, self->parent.label) != 0)
    return FALSE;
  g_set_object (&self->after, next->after);
  return TRUE;
}

static void
change_command_free (PvUndoCommand *command)
{
  ChangeCommand *self = (ChangeCommand *) command;

  g_clear_object (&self->annotation);
  g_clear_object (&self->before);
  g_clear_object (&self->after);
  pv_undo_command_clear (command);
  g_free (self);
}

/* Pushes the change from the annotation's state to after (a changed copy). */
static void
push_change (PvUndoStack  *stack,
             PvAnnotation *annotation,
             PvAnnotation *after,
             const char   *label,
             guint         merge_key)
{
  ChangeCommand *self;

  if (pv_annotation_equal (annotation, after, 0))
    return;
  self = g_new0 (ChangeCommand, 1);
  self->parent.label = g_strdup (label);
  self->parent.merge_key = merge_key;
  self->parent.redo = change_command_redo;
  self->parent.undo = change_command_undo;
  self->parent.merge = change_command_merge;
  self->parent.free = change_command_free;
  self->annotation = g_object_ref (annotation);
  self->before = pv_annotation_copy (annotation);
  self->after = g_object_ref (after);
  pv_undo_stack_push (stack, &self->parent);
}

void
pv_annotation_edit_move (PvUndoStack  *stack,
                         PvAnnotation *annotation,
                         double        dx,
                         double        dy,
                         guint         merge_key)
{
  g_autoptr(PvAnnotation) after = NULL;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));

  after = pv_annotation_copy (annotation);
  pv_annotation_translate (after, dx, dy);
  push_change (stack, annotation, after, _("Move Annotation"), merge_key);
}

void
pv_annotation_edit_move_point (PvUndoStack  *stack,
                               PvAnnotation *annotation,
                               guint         index,
                               double        x,
                               double        y,
                               guint         merge_key)
{
  g_autoptr(PvAnnotation) after = NULL;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (index < pv_annotation_get_n_points (annotation));

  after = pv_annotation_copy (annotation);
  pv_annotation_move_point (after, index, x, y);
  push_change (stack, annotation, after, _("Move Point"), merge_key);
}

void
pv_annotation_edit_insert_point (PvUndoStack  *stack,
                                 PvAnnotation *annotation,
                                 guint         index,
                                 double        x,
                                 double        y)
{
  g_autoptr(PvAnnotation) after = NULL;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (index <= pv_annotation_get_n_points (annotation));

  /* Rectangles, texts and callouts have a fixed number of points. */
  switch (pv_annotation_get_kind (annotation))
    {
    case PV_ANNOTATION_RECTANGLE:
    case PV_ANNOTATION_TEXT:
    case PV_ANNOTATION_CALLOUT:
      return;
    default:
      break;
    }
  after = pv_annotation_copy (annotation);
  pv_annotation_insert_point (after, index, x, y);
  push_change (stack, annotation, after, _("Add Point"), 0);
}

void
pv_annotation_edit_remove_point (PvUndoStack  *stack,
                                 PvAnnotation *annotation,
                                 guint         index)
{
  g_autoptr(PvAnnotation) after = NULL;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (index < pv_annotation_get_n_points (annotation));

  after = pv_annotation_copy (annotation);
  pv_annotation_remove_point (after, index);
  if (!pv_annotation_is_complete (after))
    return;
  push_change (stack, annotation, after, _("Remove Point"), 0);
}

void
pv_annotation_edit_set_text (PvUndoStack  *stack,
                             PvAnnotation *annotation,
                             const char   *text)
{
  g_autoptr(PvAnnotation) after = NULL;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));

  after = pv_annotation_copy (annotation);
  pv_annotation_set_text (after, text);
  push_change (stack, annotation, after, _("Edit Text"), 0);
}

void
pv_annotation_edit_set_style (PvUndoStack             *stack,
                              PvAnnotation            *annotation,
                              const PvAnnotationStyle *style,
                              guint                    merge_key)
{
  g_autoptr(PvAnnotation) after = NULL;

  g_return_if_fail (PV_IS_UNDO_STACK (stack));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (style != NULL);

  after = pv_annotation_copy (annotation);
  pv_annotation_set_style (after, style);
  push_change (stack, annotation, after, _("Change Style"), merge_key);
}
