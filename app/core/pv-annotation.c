/* pv-annotation.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pv-annotation-private.h"
#include "pv-error.h"
#include "pv-transform.h"

/* ---------------------------------------------------------------- kinds */

static const char *const kind_names[PV_ANNOTATION_N_KINDS] = {
  "text", "arrow", "line", "polygon", "rectangle", "freehand", "callout", "measurement",
};

GType
pv_annotation_kind_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { PV_ANNOTATION_TEXT, "PV_ANNOTATION_TEXT", "text" },
        { PV_ANNOTATION_ARROW, "PV_ANNOTATION_ARROW", "arrow" },
        { PV_ANNOTATION_LINE, "PV_ANNOTATION_LINE", "line" },
        { PV_ANNOTATION_POLYGON, "PV_ANNOTATION_POLYGON", "polygon" },
        { PV_ANNOTATION_RECTANGLE, "PV_ANNOTATION_RECTANGLE", "rectangle" },
        { PV_ANNOTATION_FREEHAND, "PV_ANNOTATION_FREEHAND", "freehand" },
        { PV_ANNOTATION_CALLOUT, "PV_ANNOTATION_CALLOUT", "callout" },
        { PV_ANNOTATION_MEASUREMENT, "PV_ANNOTATION_MEASUREMENT", "measurement" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("PvAnnotationKind"), values);

      g_once_init_leave (&type, id);
    }
  return type;
}

const char *
pv_annotation_kind_to_string (PvAnnotationKind kind)
{
  g_return_val_if_fail ((guint) kind < PV_ANNOTATION_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
pv_annotation_kind_from_string (const char       *name,
                                PvAnnotationKind *kind)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < PV_ANNOTATION_N_KINDS; i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }
  return FALSE;
}

guint
pv_annotation_kind_min_points (PvAnnotationKind kind,
                               gboolean         closed)
{
  switch (kind)
    {
    case PV_ANNOTATION_TEXT:
      return 1;
    case PV_ANNOTATION_POLYGON:
      return 3;
    case PV_ANNOTATION_RECTANGLE:
      return 4;
    case PV_ANNOTATION_MEASUREMENT:
      return closed ? 3 : 2;
    case PV_ANNOTATION_ARROW:
    case PV_ANNOTATION_LINE:
    case PV_ANNOTATION_FREEHAND:
    case PV_ANNOTATION_CALLOUT:
    default:
      return 2;
    }
}

/* ---------------------------------------------------------------- style */

G_DEFINE_BOXED_TYPE (PvAnnotationStyle, pv_annotation_style, pv_annotation_style_copy, pv_annotation_style_free)

PvAnnotationStyle *
pv_annotation_style_copy (const PvAnnotationStyle *style)
{
  return g_memdup2 (style, sizeof *style);
}

void
pv_annotation_style_free (PvAnnotationStyle *style)
{
  g_free (style);
}

void
pv_annotation_style_init (PvAnnotationStyle *style,
                          PvAnnotationKind   kind)
{
  static const double red[4] = { 0.86, 0.08, 0.10, 1.0 };

  g_return_if_fail (style != NULL);

  memcpy (style->color, red, sizeof red);
  style->width_mm = 0.5;
  style->font_pt = 11;
  switch (kind)
    {
    case PV_ANNOTATION_POLYGON:
    case PV_ANNOTATION_RECTANGLE:
      memcpy (style->fill, red, sizeof red);
      style->fill[3] = 0.2;
      break;
    case PV_ANNOTATION_TEXT:
    case PV_ANNOTATION_CALLOUT:
    case PV_ANNOTATION_MEASUREMENT:
      style->fill[0] = style->fill[1] = style->fill[2] = 1.0;
      style->fill[3] = 0.85;
      break;
    case PV_ANNOTATION_ARROW:
    case PV_ANNOTATION_LINE:
    case PV_ANNOTATION_FREEHAND:
    default:
      style->fill[0] = style->fill[1] = style->fill[2] = style->fill[3] = 0;
      break;
    }
}

static gboolean
near (double a,
      double b,
      double tolerance)
{
  return a == b || fabs (a - b) <= tolerance;
}

gboolean
pv_annotation_style_equal (const PvAnnotationStyle *a,
                           const PvAnnotationStyle *b)
{
  /* Colours survive files as bytes: equal to 1/255. */
  for (guint i = 0; i < 4; i++)
    if (!near (a->color[i], b->color[i], 0.5 / 255) || !near (a->fill[i], b->fill[i], 0.5 / 255))
      return FALSE;
  return near (a->width_mm, b->width_mm, 1e-9) && near (a->font_pt, b->font_pt, 1e-9);
}

static guint
to_byte (double v)
{
  return (guint) CLAMP (lround (v * 255), 0, 255);
}

char *
pv_annotation_color_to_string (const double *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x%02x", to_byte (rgba[0]), to_byte (rgba[1]),
                          to_byte (rgba[2]), to_byte (rgba[3]));
}

gboolean
pv_annotation_color_from_string (const char *text,
                                 double     *rgba)
{
  guint bytes[4] = { 0, 0, 0, 255 };
  gsize len;

  if (text == NULL || text[0] != '#')
    return FALSE;
  len = strlen (text + 1);
  if (len != 6 && len != 8)
    return FALSE;
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (text[1 + i]);
      int lo = g_ascii_xdigit_value (text[2 + i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      bytes[i / 2] = hi * 16 + lo;
    }
  for (guint i = 0; i < 4; i++)
    rgba[i] = bytes[i] / 255.0;
  return TRUE;
}

/* ---------------------------------------------------------------- annotation */

struct _PvAnnotation
{
  GObject           parent_instance;

  PvAnnotationKind  kind;
  GArray           *points;  /* double x, y interleaved */
  char             *text;
  PvAnnotationStyle style;
  int               number;
  gboolean          closed;
};

G_DEFINE_FINAL_TYPE (PvAnnotation, pv_annotation, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TEXT,
  PROP_STYLE,
  PROP_NUMBER,
  PROP_CLOSED,
  PROP_N_POINTS,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (PvAnnotation *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
pv_annotation_finalize (GObject *object)
{
  PvAnnotation *self = PV_ANNOTATION (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (pv_annotation_parent_class)->finalize (object);
}

static void
pv_annotation_constructed (GObject *object)
{
  PvAnnotation *self = PV_ANNOTATION (object);

  G_OBJECT_CLASS (pv_annotation_parent_class)->constructed (object);
  pv_annotation_style_init (&self->style, self->kind);
  self->closed = self->kind == PV_ANNOTATION_POLYGON || self->kind == PV_ANNOTATION_RECTANGLE;
}

static void
pv_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PvAnnotation *self = PV_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_STYLE:
      g_value_set_boxed (value, &self->style);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    case PROP_N_POINTS:
      g_value_set_uint (value, pv_annotation_get_n_points (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PvAnnotation *self = PV_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_TEXT:
      pv_annotation_set_text (self, g_value_get_string (value));
      break;
    case PROP_STYLE:
      if (g_value_get_boxed (value) != NULL)
        pv_annotation_set_style (self, g_value_get_boxed (value));
      break;
    case PROP_NUMBER:
      pv_annotation_set_number (self, g_value_get_int (value));
      break;
    case PROP_CLOSED:
      pv_annotation_set_closed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_class_init (PvAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_annotation_finalize;
  object_class->constructed = pv_annotation_constructed;
  object_class->get_property = pv_annotation_get_property;
  object_class->set_property = pv_annotation_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PV_TYPE_ANNOTATION_KIND, PV_ANNOTATION_TEXT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STYLE] =
    g_param_spec_boxed ("style", NULL, NULL, PV_TYPE_ANNOTATION_STYLE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLOSED] =
    g_param_spec_boolean ("closed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After any change of the annotation, its geometry included. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_annotation_init (PvAnnotation *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
}

PvAnnotation *
pv_annotation_new (PvAnnotationKind kind)
{
  g_return_val_if_fail ((guint) kind < PV_ANNOTATION_N_KINDS, NULL);
  return g_object_new (PV_TYPE_ANNOTATION, "kind", kind, NULL);
}

PvAnnotation *
pv_annotation_copy (PvAnnotation *self)
{
  PvAnnotation *copy;

  g_return_val_if_fail (PV_IS_ANNOTATION (self), NULL);

  copy = pv_annotation_new (self->kind);
  g_array_append_vals (copy->points, self->points->data, self->points->len);
  copy->text = g_strdup (self->text);
  copy->style = self->style;
  copy->number = self->number;
  copy->closed = self->closed;
  return copy;
}

gboolean
pv_annotation_equal (PvAnnotation *a,
                     PvAnnotation *b,
                     double        tolerance)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (PV_IS_ANNOTATION (b), FALSE);

  if (a->kind != b->kind || a->points->len != b->points->len || a->number != b->number
      || a->closed != b->closed || g_strcmp0 (a->text ? a->text : "", b->text ? b->text : "") != 0
      || !pv_annotation_style_equal (&a->style, &b->style))
    return FALSE;
  for (guint i = 0; i < a->points->len; i++)
    if (!near (g_array_index (a->points, double, i), g_array_index (b->points, double, i), tolerance))
      return FALSE;
  return TRUE;
}

PvAnnotationKind
pv_annotation_get_kind (PvAnnotation *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), PV_ANNOTATION_TEXT);
  return self->kind;
}

const double *
pv_annotation_get_points (PvAnnotation *self,
                          guint        *n_points)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), NULL);

  if (n_points != NULL)
    *n_points = self->points->len / 2;
  return self->points->len > 0 ? (const double *) self->points->data : NULL;
}

guint
pv_annotation_get_n_points (PvAnnotation *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), 0);
  return self->points->len / 2;
}

void
pv_annotation_get_point (PvAnnotation *self,
                         guint         index,
                         double       *x,
                         double       *y)
{
  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (index < self->points->len / 2);

  if (x != NULL)
    *x = g_array_index (self->points, double, 2 * index);
  if (y != NULL)
    *y = g_array_index (self->points, double, 2 * index + 1);
}

static void
geometry_changed (PvAnnotation *self,
                  guint         old_n_points)
{
  if (old_n_points != self->points->len / 2)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  emit_changed (self);
}

void
pv_annotation_set_points (PvAnnotation *self,
                          const double *xy,
                          guint         n_points)
{
  guint old_n = 0;

  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (xy != NULL || n_points == 0);

  if (self->points->len == 2 * n_points
      && (n_points == 0 || memcmp (self->points->data, xy, 2 * n_points * sizeof (double)) == 0))
    return;
  old_n = self->points->len / 2;
  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, xy, 2 * n_points);
  geometry_changed (self, old_n);
}

void
pv_annotation_move_point (PvAnnotation *self,
                          guint         index,
                          double        x,
                          double        y)
{
  double *p;
  guint n;

  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (index < self->points->len / 2);

  p = (double *) self->points->data;
  n = self->points->len / 2;
  if (p[2 * index] == x && p[2 * index + 1] == y)
    return;
  p[2 * index] = x;
  p[2 * index + 1] = y;
  if (self->kind == PV_ANNOTATION_RECTANGLE && n == 4)
    {
      guint next = (index + 1) % 4, prev = (index + 3) % 4;

      /* Corners 0-1 and 2-3 share y, 1-2 and 3-0 share x. */
      if (index % 2 == 0)
        {
          p[2 * next + 1] = y;
          p[2 * prev] = x;
        }
      else
        {
          p[2 * next] = x;
          p[2 * prev + 1] = y;
        }
    }
  emit_changed (self);
}

void
pv_annotation_insert_point (PvAnnotation *self,
                            guint         index,
                            double        x,
                            double        y)
{
  double xy[2] = { x, y };

  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (index <= self->points->len / 2);

  g_array_insert_vals (self->points, 2 * index, xy, 2);
  geometry_changed (self, self->points->len / 2 - 1);
}

void
pv_annotation_remove_point (PvAnnotation *self,
                            guint         index)
{
  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (index < self->points->len / 2);

  g_array_remove_range (self->points, 2 * index, 2);
  geometry_changed (self, self->points->len / 2 + 1);
}

void
pv_annotation_translate (PvAnnotation *self,
                         double        dx,
                         double        dy)
{
  double *p;

  g_return_if_fail (PV_IS_ANNOTATION (self));

  if ((dx == 0 && dy == 0) || self->points->len == 0)
    return;
  p = (double *) self->points->data;
  for (guint i = 0; i < self->points->len; i += 2)
    {
      p[i] += dx;
      p[i + 1] += dy;
    }
  emit_changed (self);
}

void
pv_annotation_set_rectangle (PvAnnotation *self,
                             double        x0,
                             double        y0,
                             double        x1,
                             double        y1)
{
  double xy[8] = { x0, y0, x1, y0, x1, y1, x0, y1 };

  g_return_if_fail (PV_IS_ANNOTATION (self));
  pv_annotation_set_points (self, xy, 4);
}

gboolean
pv_annotation_get_closed (PvAnnotation *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), FALSE);
  return self->closed;
}

void
pv_annotation_set_closed (PvAnnotation *self,
                          gboolean      closed)
{
  g_return_if_fail (PV_IS_ANNOTATION (self));

  /* Only a measurement can be either. */
  if (self->kind != PV_ANNOTATION_MEASUREMENT)
    return;
  closed = !!closed;
  if (self->closed == closed)
    return;
  self->closed = closed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
  emit_changed (self);
}

const char *
pv_annotation_get_text (PvAnnotation *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), NULL);
  return self->text;
}

void
pv_annotation_set_text (PvAnnotation *self,
                        const char   *text)
{
  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  emit_changed (self);
}

void
pv_annotation_get_style (PvAnnotation      *self,
                         PvAnnotationStyle *style)
{
  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (style != NULL);
  *style = self->style;
}

void
pv_annotation_set_style (PvAnnotation            *self,
                         const PvAnnotationStyle *style)
{
  PvAnnotationStyle clamped;

  g_return_if_fail (PV_IS_ANNOTATION (self));
  g_return_if_fail (style != NULL);

  clamped = *style;
  for (guint i = 0; i < 4; i++)
    {
      clamped.color[i] = CLAMP (clamped.color[i], 0, 1);
      clamped.fill[i] = CLAMP (clamped.fill[i], 0, 1);
    }
  clamped.width_mm = CLAMP (clamped.width_mm, 0.05, 50);
  clamped.font_pt = CLAMP (clamped.font_pt, 1, 500);
  if (memcmp (&clamped, &self->style, sizeof clamped) == 0)
    return;
  self->style = clamped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
  emit_changed (self);
}

int
pv_annotation_get_number (PvAnnotation *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), 0);
  return self->number;
}

void
pv_annotation_set_number (PvAnnotation *self,
                          int           number)
{
  g_return_if_fail (PV_IS_ANNOTATION (self));

  number = MAX (number, 0);
  if (self->number == number)
    return;
  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
  emit_changed (self);
}

gboolean
pv_annotation_is_complete (PvAnnotation *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION (self), FALSE);

  if (self->kind == PV_ANNOTATION_RECTANGLE || self->kind == PV_ANNOTATION_TEXT
      || self->kind == PV_ANNOTATION_CALLOUT)
    return self->points->len / 2 == pv_annotation_kind_min_points (self->kind, self->closed);
  return self->points->len / 2 >= pv_annotation_kind_min_points (self->kind, self->closed);
}

gboolean
pv_annotation_get_bounds (PvAnnotation *self,
                          double       *xmin,
                          double       *ymin,
                          double       *xmax,
                          double       *ymax)
{
  const double *p;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

  g_return_val_if_fail (PV_IS_ANNOTATION (self), FALSE);

  if (self->points->len == 0)
    return FALSE;
  p = (const double *) self->points->data;
  for (guint i = 0; i < self->points->len; i += 2)
    {
      x0 = MIN (x0, p[i]);
      x1 = MAX (x1, p[i]);
      y0 = MIN (y0, p[i + 1]);
      y1 = MAX (y1, p[i + 1]);
    }
  *xmin = x0, *ymin = y0, *xmax = x1, *ymax = y1;
  return TRUE;
}

/* ---------------------------------------------------------------- set */

typedef struct
{
  PvCrs       *crs;
  PvTransform *to_set;    /* crs → the set's; NULL until needed */
  PvTransform *from_set;  /* the set's → crs */
  gboolean     to_failed;
  gboolean     from_failed;
} CachedTransform;

struct _PvAnnotationSet
{
  GObject    parent_instance;

  PvCrs     *crs;
  GPtrArray *items;       /* PvAnnotation */
  GMutex     cache_lock;
  GPtrArray *transforms;  /* CachedTransform */
};

static void pv_annotation_set_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PvAnnotationSet, pv_annotation_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pv_annotation_set_list_model_init))

enum
{
  SET_PROP_0,
  SET_PROP_CRS,
  SET_PROP_N_ITEMS,
  SET_N_PROPS
};

static GParamSpec *set_properties[SET_N_PROPS];
static guint set_signals[N_SIGNALS];

static void
cached_transform_free (gpointer data)
{
  CachedTransform *cached = data;

  g_clear_object (&cached->crs);
  g_clear_object (&cached->to_set);
  g_clear_object (&cached->from_set);
  g_free (cached);
}

static GType
pv_annotation_set_get_item_type (GListModel *model)
{
  return PV_TYPE_ANNOTATION;
}

static guint
pv_annotation_set_get_n_items (GListModel *model)
{
  return PV_ANNOTATION_SET (model)->items->len;
}

static gpointer
pv_annotation_set_get_item (GListModel *model,
                            guint       position)
{
  PvAnnotationSet *self = PV_ANNOTATION_SET (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pv_annotation_set_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pv_annotation_set_get_item_type;
  iface->get_n_items = pv_annotation_set_get_n_items;
  iface->get_item = pv_annotation_set_get_item;
}

static void
set_emit_changed (PvAnnotationSet *self)
{
  g_signal_emit (self, set_signals[SIGNAL_CHANGED], 0);
}

static void
annotation_changed_cb (PvAnnotationSet *self,
                       PvAnnotation    *annotation)
{
  set_emit_changed (self);
}

static void
items_changed (PvAnnotationSet *self,
               guint            position,
               guint            removed,
               guint            added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), set_properties[SET_PROP_N_ITEMS]);
  set_emit_changed (self);
}

static void
release_item (gpointer data,
              gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, annotation_changed_cb, user_data);
}

static void
pv_annotation_set_dispose (GObject *object)
{
  PvAnnotationSet *self = PV_ANNOTATION_SET (object);

  if (self->items != NULL)
    {
      g_ptr_array_foreach (self->items, release_item, self);
      g_ptr_array_set_size (self->items, 0);
    }
  G_OBJECT_CLASS (pv_annotation_set_parent_class)->dispose (object);
}

static void
pv_annotation_set_finalize (GObject *object)
{
  PvAnnotationSet *self = PV_ANNOTATION_SET (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->transforms, g_ptr_array_unref);
  g_clear_object (&self->crs);
  g_mutex_clear (&self->cache_lock);
  G_OBJECT_CLASS (pv_annotation_set_parent_class)->finalize (object);
}

static void
pv_annotation_set_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PvAnnotationSet *self = PV_ANNOTATION_SET (object);

  switch (prop_id)
    {
    case SET_PROP_CRS:
      g_value_set_object (value, self->crs);
      break;
    case SET_PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_set_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PvAnnotationSet *self = PV_ANNOTATION_SET (object);

  switch (prop_id)
    {
    case SET_PROP_CRS:
      pv_annotation_set_set_crs (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_annotation_set_class_init (PvAnnotationSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pv_annotation_set_dispose;
  object_class->finalize = pv_annotation_set_finalize;
  object_class->get_property = pv_annotation_set_get_property;
  object_class->set_property = pv_annotation_set_set_property;

  set_properties[SET_PROP_CRS] =
    g_param_spec_object ("crs", NULL, NULL, PV_TYPE_CRS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  set_properties[SET_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, SET_N_PROPS, set_properties);

  /* After any change of the list, of an annotation in it or of the CRS. */
  set_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pv_annotation_set_init (PvAnnotationSet *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->transforms = g_ptr_array_new_with_free_func (cached_transform_free);
  g_mutex_init (&self->cache_lock);
}

PvAnnotationSet *
pv_annotation_set_new (PvCrs *crs)
{
  g_return_val_if_fail (crs == NULL || PV_IS_CRS (crs), NULL);
  return g_object_new (PV_TYPE_ANNOTATION_SET, "crs", crs, NULL);
}

PvAnnotationSet *
pv_annotation_set_copy (PvAnnotationSet *self)
{
  PvAnnotationSet *copy;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), NULL);

  copy = pv_annotation_set_new (self->crs);
  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(PvAnnotation) annotation = pv_annotation_copy (g_ptr_array_index (self->items, i));

      pv_annotation_set_add (copy, annotation);
    }
  return copy;
}

PvCrs *
pv_annotation_set_get_crs (PvAnnotationSet *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), NULL);
  return self->crs;
}

void
pv_annotation_set_set_crs (PvAnnotationSet *self,
                           PvCrs           *crs)
{
  g_return_if_fail (PV_IS_ANNOTATION_SET (self));
  g_return_if_fail (crs == NULL || PV_IS_CRS (crs));

  if (self->crs == crs)
    return;
  g_mutex_lock (&self->cache_lock);
  g_set_object (&self->crs, crs);
  g_ptr_array_set_size (self->transforms, 0);
  g_mutex_unlock (&self->cache_lock);
  g_object_notify_by_pspec (G_OBJECT (self), set_properties[SET_PROP_CRS]);
  set_emit_changed (self);
}

/* Call with cache_lock held. NULL: identity. */
static PvTransform *
lookup_transform (PvAnnotationSet *self,
                  PvCrs           *crs,
                  gboolean         to_set,
                  gboolean        *failed)
{
  CachedTransform *cached = NULL;
  PvTransform **slot;
  gboolean *slot_failed;

  *failed = FALSE;
  if (crs == NULL || self->crs == NULL || crs == self->crs || pv_crs_equals (crs, self->crs))
    return NULL;
  for (guint i = 0; i < self->transforms->len && cached == NULL; i++)
    {
      CachedTransform *c = g_ptr_array_index (self->transforms, i);

      if (c->crs == crs)
        cached = c;
    }
  if (cached == NULL)
    {
      cached = g_new0 (CachedTransform, 1);
      cached->crs = g_object_ref (crs);
      g_ptr_array_add (self->transforms, cached);
    }
  slot = to_set ? &cached->to_set : &cached->from_set;
  slot_failed = to_set ? &cached->to_failed : &cached->from_failed;
  if (*slot == NULL && !*slot_failed)
    {
      g_autoptr(GError) error = NULL;

      *slot = to_set ? pv_transform_new (crs, self->crs, &error) : pv_transform_new (self->crs, crs, &error);
      if (*slot == NULL)
        {
          g_debug ("annotations: no transformation: %s", error->message);
          *slot_failed = TRUE;
        }
    }
  *failed = *slot_failed;
  return *slot;
}

gboolean
_pv_annotation_set_transform_points (PvAnnotationSet *self,
                                     PvCrs           *crs,
                                     gboolean         to_set,
                                     double          *xy,
                                     guint            n)
{
  PvTransform *transform;
  gboolean failed;
  gsize n_failed = 0;

  g_mutex_lock (&self->cache_lock);
  transform = lookup_transform (self, crs, to_set, &failed);
  if (transform != NULL && n > 0)
    n_failed = pv_transform_points_interleaved (transform, xy, n);
  g_mutex_unlock (&self->cache_lock);
  return !failed && n_failed == 0;
}

/* One point between crs and the set's CRS; x and y change only on success. */
static gboolean
transform_point (PvAnnotationSet *self,
                 PvCrs           *crs,
                 gboolean         to_set,
                 double          *x,
                 double          *y)
{
  double xy[2] = { *x, *y };

  if (!_pv_annotation_set_transform_points (self, crs, to_set, xy, 1))
    return FALSE;
  *x = xy[0], *y = xy[1];
  return TRUE;
}

gboolean
pv_annotation_set_point_from_crs (PvAnnotationSet *self,
                                  PvCrs           *crs,
                                  double          *x,
                                  double          *y)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);

  return transform_point (self, crs, TRUE, x, y);
}

gboolean
pv_annotation_set_point_to_crs (PvAnnotationSet *self,
                                PvCrs           *crs,
                                double          *x,
                                double          *y)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);

  return transform_point (self, crs, FALSE, x, y);
}

gboolean
pv_annotation_set_transform_to (PvAnnotationSet  *self,
                                PvCrs            *crs,
                                GError          **error)
{
  g_autoptr(GPtrArray) moved = NULL;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (PV_IS_CRS (crs), FALSE);

  if (self->crs == NULL)
    {
      g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_UNKNOWN,
                   _("The annotations have no coordinate reference system: they cannot be moved to %s"),
                   pv_crs_get_name (crs));
      return FALSE;
    }
  moved = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->items->len; i++)
    {
      PvAnnotation *annotation = g_ptr_array_index (self->items, i);
      GArray *xy = g_array_copy (annotation->points);

      g_ptr_array_add (moved, xy);
      if (xy->len > 0 && !_pv_annotation_set_transform_points (self, crs, FALSE, (double *) xy->data, xy->len / 2))
        {
          g_set_error (error, PV_CRS_ERROR, PV_CRS_ERROR_FAILED,
                       _("Annotations cannot be transformed from %s to %s"),
                       pv_crs_get_name (self->crs), pv_crs_get_name (crs));
          return FALSE;
        }
    }
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < self->items->len; i++)
    {
      GArray *xy = g_ptr_array_index (moved, i);

      pv_annotation_set_points (g_ptr_array_index (self->items, i), (const double *) xy->data, xy->len / 2);
    }
  pv_annotation_set_set_crs (self, crs);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

guint
pv_annotation_set_get_n_annotations (PvAnnotationSet *self)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), 0);
  return self->items->len;
}

PvAnnotation *
pv_annotation_set_get_annotation (PvAnnotationSet *self,
                                  guint            index)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

void
pv_annotation_set_add (PvAnnotationSet *self,
                       PvAnnotation    *annotation)
{
  g_return_if_fail (PV_IS_ANNOTATION_SET (self));
  pv_annotation_set_insert (self, self->items->len, annotation);
}

void
pv_annotation_set_insert (PvAnnotationSet *self,
                          guint            position,
                          PvAnnotation    *annotation)
{
  g_return_if_fail (PV_IS_ANNOTATION_SET (self));
  g_return_if_fail (PV_IS_ANNOTATION (annotation));
  g_return_if_fail (!pv_annotation_set_find (self, annotation, NULL));

  position = MIN (position, self->items->len);
  g_ptr_array_insert (self->items, position, g_object_ref (annotation));
  g_signal_connect_object (annotation, "changed", G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
  items_changed (self, position, 0, 1);
}

gboolean
pv_annotation_set_remove (PvAnnotationSet *self,
                          PvAnnotation    *annotation)
{
  guint position;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (PV_IS_ANNOTATION (annotation), FALSE);

  if (!pv_annotation_set_find (self, annotation, &position))
    return FALSE;
  g_signal_handlers_disconnect_by_func (annotation, annotation_changed_cb, self);
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
  return TRUE;
}

void
pv_annotation_set_move (PvAnnotationSet *self,
                        guint            from,
                        guint            to)
{
  gpointer item;

  g_return_if_fail (PV_IS_ANNOTATION_SET (self));
  g_return_if_fail (from < self->items->len);

  to = MIN (to, self->items->len - 1);
  if (from == to)
    return;
  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
                              MAX (from, to) - MIN (from, to) + 1);
  set_emit_changed (self);
}

void
pv_annotation_set_clear (PvAnnotationSet *self)
{
  guint n;

  g_return_if_fail (PV_IS_ANNOTATION_SET (self));

  n = self->items->len;
  if (n == 0)
    return;
  g_ptr_array_foreach (self->items, release_item, self);
  g_ptr_array_set_size (self->items, 0);
  items_changed (self, 0, n, 0);
}

gboolean
pv_annotation_set_find (PvAnnotationSet *self,
                        PvAnnotation    *annotation,
                        guint           *position)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), FALSE);
  return g_ptr_array_find (self->items, annotation, position);
}

int
pv_annotation_set_next_number (PvAnnotationSet *self)
{
  int highest = 0;

  g_return_val_if_fail (PV_IS_ANNOTATION_SET (self), 1);

  for (guint i = 0; i < self->items->len; i++)
    {
      PvAnnotation *annotation = g_ptr_array_index (self->items, i);

      if (annotation->kind == PV_ANNOTATION_CALLOUT)
        highest = MAX (highest, annotation->number);
    }
  return highest + 1;
}

gboolean
pv_annotation_set_equal (PvAnnotationSet *a,
                         PvAnnotationSet *b,
                         double           tolerance)
{
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (a), FALSE);
  g_return_val_if_fail (PV_IS_ANNOTATION_SET (b), FALSE);

  if ((a->crs == NULL) != (b->crs == NULL) || (a->crs != NULL && !pv_crs_equals (a->crs, b->crs)))
    return FALSE;
  if (a->items->len != b->items->len)
    return FALSE;
  for (guint i = 0; i < a->items->len; i++)
    if (!pv_annotation_equal (g_ptr_array_index (a->items, i), g_ptr_array_index (b->items, i), tolerance))
      return FALSE;
  return TRUE;
}
