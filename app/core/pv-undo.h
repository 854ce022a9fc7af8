/* pv-undo.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One undoable edit. Embed it as the first member of a larger struct that
 * holds what the edit needs, and fill in the functions:
 *   redo   applies the edit (pv_undo_stack_push() calls it once at once);
 *   undo   reverts it;
 *   merge  may absorb next, a later edit with the same non-zero merge_key
 *          (the next step of a drag), into self: self then does both, and
 *          next is freed. FALSE: next becomes a step of its own. May be NULL;
 *   free   frees the command (label included: use pv_undo_command_clear()).
 */
typedef struct _PvUndoCommand PvUndoCommand;

struct _PvUndoCommand
{
  char      *label;       /* "Move annotation", translated */
  guint      merge_key;   /* 0: never merges */
  void     (*redo)  (PvUndoCommand *self);
  void     (*undo)  (PvUndoCommand *self);
  gboolean (*merge) (PvUndoCommand *self,
                     PvUndoCommand *next);
  void     (*free)  (PvUndoCommand *self);
};

/* Frees the label (for free functions). */
void            pv_undo_command_clear           (PvUndoCommand *command);

#define PV_TYPE_UNDO_STACK (pv_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (PvUndoStack, pv_undo_stack, PV, UNDO_STACK, GObject)

#define PV_UNDO_STACK_DEFAULT_LIMIT 200

/* The history of edits of a document (a project's annotations…). Every edit
 * is pushed here, which applies it; undo and redo walk the history. Pushing
 * drops what could be redone. Consecutive commands with the same non-zero
 * merge key (from pv_undo_stack_new_merge_key(), one per drag) merge into
 * one step. At most "limit" steps are kept (the oldest go first).
 *
 * Properties: "can-undo", "can-redo", "undo-label", "redo-label", "limit",
 * "clean" (the history is at the point marked by pv_undo_stack_mark_clean(),
 * e.g. the last save). Signal "changed": after every push, undo, redo and
 * clear. */
PvUndoStack    *pv_undo_stack_new               (void) G_GNUC_WARN_UNUSED_RESULT;
/* Applies command (its redo) and records it; the stack owns it. */
void            pv_undo_stack_push              (PvUndoStack   *self,
                                                 PvUndoCommand *command);
gboolean        pv_undo_stack_undo              (PvUndoStack   *self);
gboolean        pv_undo_stack_redo              (PvUndoStack   *self);
gboolean        pv_undo_stack_get_can_undo      (PvUndoStack   *self);
gboolean        pv_undo_stack_get_can_redo      (PvUndoStack   *self);
/* The label of the step undo/redo would revert/apply, or NULL. */
const char     *pv_undo_stack_get_undo_label    (PvUndoStack   *self);
const char     *pv_undo_stack_get_redo_label    (PvUndoStack   *self);
guint           pv_undo_stack_get_n_undo        (PvUndoStack   *self);
guint           pv_undo_stack_get_n_redo        (PvUndoStack   *self);
guint           pv_undo_stack_get_limit         (PvUndoStack   *self);
void            pv_undo_stack_set_limit         (PvUndoStack   *self,
                                                 guint          limit);
/* A key no earlier call returned (never 0): the steps of one drag share it. */
guint           pv_undo_stack_new_merge_key     (PvUndoStack   *self);
/* Ends merging: the next push starts a step of its own even with the same
 * merge key. */
void            pv_undo_stack_seal              (PvUndoStack   *self);
/* Forgets the whole history (e.g. when another project opens). */
void            pv_undo_stack_clear             (PvUndoStack   *self);
void            pv_undo_stack_mark_clean        (PvUndoStack   *self);
gboolean        pv_undo_stack_get_clean         (PvUndoStack   *self);

G_END_DECLS
