/* pv-undo.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pv-undo.h"

#define UNREACHABLE_SERIAL G_MAXUINT

typedef struct
{
  guint          serial;  /* the state after this step; never 0 */
  PvUndoCommand *command;
} Step;

struct _PvUndoStack
{
  GObject  parent_instance;

  GArray  *undo;          /* Step, oldest first */
  GArray  *redo;          /* Step, the next to redo last */
  guint    limit;
  guint    next_serial;
  guint    next_merge_key;
  guint    clean_serial;  /* 0: the state before every kept step */
  gboolean sealed;
};

G_DEFINE_FINAL_TYPE (PvUndoStack, pv_undo_stack, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_LIMIT,
  PROP_CLEAN,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
pv_undo_command_clear (PvUndoCommand *command)
{
  g_clear_pointer (&command->label, g_free);
}

static void
step_clear (gpointer data)
{
  Step *step = data;

  if (step->command != NULL && step->command->free != NULL)
    step->command->free (step->command);
  step->command = NULL;
}

static guint
top_serial (PvUndoStack *self)
{
  return self->undo->len > 0 ? g_array_index (self->undo, Step, self->undo->len - 1).serial : 0;
}

typedef struct
{
  gboolean    can_undo;
  gboolean    can_redo;
  char       *undo_label;
  char       *redo_label;
  gboolean    clean;
} State;

static void
get_state (PvUndoStack *self,
           State       *state)
{
  state->can_undo = pv_undo_stack_get_can_undo (self);
  state->can_redo = pv_undo_stack_get_can_redo (self);
  state->undo_label = g_strdup (pv_undo_stack_get_undo_label (self));
  state->redo_label = g_strdup (pv_undo_stack_get_redo_label (self));
  state->clean = pv_undo_stack_get_clean (self);
}

/* Notifies what changed since before (and frees it), emits "changed". */
static void
emit_changes (PvUndoStack *self,
              State       *before)
{
  State after;

  get_state (self, &after);
  g_object_freeze_notify (G_OBJECT (self));
  if (after.can_undo != before->can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (after.can_redo != before->can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (after.undo_label, before->undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (after.redo_label, before->redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  if (after.clean != before->clean)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEAN]);
  g_object_thaw_notify (G_OBJECT (self));
  g_free (before->undo_label);
  g_free (before->redo_label);
  g_free (after.undo_label);
  g_free (after.redo_label);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
drop_oldest (PvUndoStack *self)
{
  guint serial = g_array_index (self->undo, Step, 0).serial;

  /* The state before every kept step is now the one after the dropped one. */
  if (self->clean_serial == 0)
    self->clean_serial = UNREACHABLE_SERIAL;
  else if (self->clean_serial == serial)
    self->clean_serial = 0;
  g_array_remove_index (self->undo, 0);
}

static void
pv_undo_stack_finalize (GObject *object)
{
  PvUndoStack *self = PV_UNDO_STACK (object);

  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->redo, g_array_unref);
  G_OBJECT_CLASS (pv_undo_stack_parent_class)->finalize (object);
}

static void
pv_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PvUndoStack *self = PV_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pv_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pv_undo_stack_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, pv_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, pv_undo_stack_get_redo_label (self));
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    case PROP_CLEAN:
      g_value_set_boolean (value, pv_undo_stack_get_clean (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_undo_stack_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PvUndoStack *self = PV_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_LIMIT:
      pv_undo_stack_set_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_undo_stack_class_init (PvUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_undo_stack_finalize;
  object_class->get_property = pv_undo_stack_get_property;
  object_class->set_property = pv_undo_stack_set_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 1, G_MAXUINT, PV_UNDO_STACK_DEFAULT_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLEAN] =
    g_param_spec_boolean ("clean", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_undo_stack_init (PvUndoStack *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (Step));
  g_array_set_clear_func (self->undo, step_clear);
  self->redo = g_array_new (FALSE, FALSE, sizeof (Step));
  g_array_set_clear_func (self->redo, step_clear);
  self->limit = PV_UNDO_STACK_DEFAULT_LIMIT;
  self->next_serial = 1;
  self->next_merge_key = 1;
}

PvUndoStack *
pv_undo_stack_new (void)
{
  return g_object_new (PV_TYPE_UNDO_STACK, NULL);
}

void
pv_undo_stack_push (PvUndoStack   *self,
                    PvUndoCommand *command)
{
  State before;
  Step step;

  g_return_if_fail (PV_IS_UNDO_STACK (self));
  g_return_if_fail (command != NULL && command->redo != NULL && command->undo != NULL);

  get_state (self, &before);
  command->redo (command);
  g_array_set_size (self->redo, 0);

  /* The next step of the same drag: one step with the last. The step the
   * document was saved at never grows. */
  if (!self->sealed && command->merge_key != 0 && self->undo->len > 0)
    {
      Step *top = &g_array_index (self->undo, Step, self->undo->len - 1);

      if (top->command->merge_key == command->merge_key && top->command->merge != NULL
          && top->serial != self->clean_serial && top->command->merge (top->command, command))
        {
          if (command->free != NULL)
            command->free (command);
          emit_changes (self, &before);
          return;
        }
    }

  self->sealed = FALSE;
  step.serial = self->next_serial++;
  if (self->next_serial == UNREACHABLE_SERIAL)
    self->next_serial = 1;
  step.command = command;
  g_array_append_val (self->undo, step);
  while (self->undo->len > self->limit)
    drop_oldest (self);
  emit_changes (self, &before);
}

gboolean
pv_undo_stack_undo (PvUndoStack *self)
{
  State before;
  Step step;

  g_return_val_if_fail (PV_IS_UNDO_STACK (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  get_state (self, &before);
  step = g_array_index (self->undo, Step, self->undo->len - 1);
  /* Moved to the redo list, not freed. */
  g_array_index (self->undo, Step, self->undo->len - 1).command = NULL;
  g_array_set_size (self->undo, self->undo->len - 1);
  step.command->undo (step.command);
  g_array_append_val (self->redo, step);
  self->sealed = TRUE;
  emit_changes (self, &before);
  return TRUE;
}

gboolean
pv_undo_stack_redo (PvUndoStack *self)
{
  State before;
  Step step;

  g_return_val_if_fail (PV_IS_UNDO_STACK (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;
  get_state (self, &before);
  step = g_array_index (self->redo, Step, self->redo->len - 1);
  g_array_index (self->redo, Step, self->redo->len - 1).command = NULL;
  g_array_set_size (self->redo, self->redo->len - 1);
  step.command->redo (step.command);
  g_array_append_val (self->undo, step);
  self->sealed = TRUE;
  emit_changes (self, &before);
  return TRUE;
}

gboolean
pv_undo_stack_get_can_undo (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), FALSE);
  return self->undo->len > 0;
}

gboolean
pv_undo_stack_get_can_redo (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), FALSE);
  return self->redo->len > 0;
}

const char *
pv_undo_stack_get_undo_label (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return g_array_index (self->undo, Step, self->undo->len - 1).command->label;
}

const char *
pv_undo_stack_get_redo_label (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return g_array_index (self->redo, Step, self->redo->len - 1).command->label;
}

guint
pv_undo_stack_get_n_undo (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), 0);
  return self->undo->len;
}

guint
pv_undo_stack_get_n_redo (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), 0);
  return self->redo->len;
}

guint
pv_undo_stack_get_limit (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), 0);
  return self->limit;
}

void
pv_undo_stack_set_limit (PvUndoStack *self,
                         guint        limit)
{
  State before;

  g_return_if_fail (PV_IS_UNDO_STACK (self));

  limit = MAX (limit, 1);
  if (self->limit == limit)
    return;
  get_state (self, &before);
  self->limit = limit;
  while (self->undo->len > self->limit)
    drop_oldest (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
  emit_changes (self, &before);
}

guint
pv_undo_stack_new_merge_key (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), 0);

  if (self->next_merge_key == 0)
    self->next_merge_key = 1;
  return self->next_merge_key++;
}

void
pv_undo_stack_seal (PvUndoStack *self)
{
  g_return_if_fail (PV_IS_UNDO_STACK (self));
  self->sealed = TRUE;
}

void
pv_undo_stack_clear (PvUndoStack *self)
{
  State before;

  g_return_if_fail (PV_IS_UNDO_STACK (self));

  get_state (self, &before);
  g_array_set_size (self->undo, 0);
  g_array_set_size (self->redo, 0);
  self->clean_serial = 0;
  self->sealed = FALSE;
  emit_changes (self, &before);
}

void
pv_undo_stack_mark_clean (PvUndoStack *self)
{
  State before;

  g_return_if_fail (PV_IS_UNDO_STACK (self));

  get_state (self, &before);
  self->clean_serial = top_serial (self);
  emit_changes (self, &before);
}

gboolean
pv_undo_stack_get_clean (PvUndoStack *self)
{
  g_return_val_if_fail (PV_IS_UNDO_STACK (self), FALSE);
  return top_serial (self) == self->clean_serial;
}
