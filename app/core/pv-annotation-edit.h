/* pv-annotation-edit.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pv-annotation.h"
#include "pv-undo.h"

G_BEGIN_DECLS

/* The edits a user makes to annotations, each one an undoable step of
 * stack (its label says what it did: "Add Arrow", "Move Annotation"…).
 * Steps that pass the same non-zero merge_key (pv_undo_stack_new_merge_key(),
 * one per drag) merge into one: a drag is undone at once. */
void pv_annotation_edit_add           (PvUndoStack             *stack,
                                       PvAnnotationSet         *set,
                                       PvAnnotation            *annotation);
void pv_annotation_edit_remove        (PvUndoStack             *stack,
                                       PvAnnotationSet         *set,
                                       PvAnnotation            *annotation);
/* Moves the annotation at from to position to. */
void pv_annotation_edit_reorder       (PvUndoStack             *stack,
                                       PvAnnotationSet         *set,
                                       guint                    from,
                                       guint                    to);
/* Moves by (dx, dy) in the set's CRS. */
void pv_annotation_edit_move          (PvUndoStack             *stack,
                                       PvAnnotation            *annotation,
                                       double                   dx,
                                       double                   dy,
                                       guint                    merge_key);
/* Moves one point (pv_annotation_move_point). */
void pv_annotation_edit_move_point    (PvUndoStack             *stack,
                                       PvAnnotation            *annotation,
                                       guint                    index,
                                       double                   x,
                                       double                   y,
                                       guint                    merge_key);
void pv_annotation_edit_insert_point  (PvUndoStack             *stack,
                                       PvAnnotation            *annotation,
                                       guint                    index,
                                       double                   x,
                                       double                   y);
/* Does nothing when the annotation would have too few points. */
void pv_annotation_edit_remove_point  (PvUndoStack             *stack,
                                       PvAnnotation            *annotation,
                                       guint                    index);
void pv_annotation_edit_set_text      (PvUndoStack             *stack,
                                       PvAnnotation            *annotation,
                                       const char              *text);
void pv_annotation_edit_set_style     (PvUndoStack             *stack,
                                       PvAnnotation            *annotation,
                                       const PvAnnotationStyle *style,
                                       guint                    merge_key);

G_END_DECLS
