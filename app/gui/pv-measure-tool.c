/* pv-measure-tool.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pv-format.h"
#include "pv-geodesic.h"
#include "pv-map-view.h"
#include "pv-measure-tool.h"

/* A press that moves further than this (widget pixels) pans the map
 * instead of placing a vertex. */
#define CLICK_SLOP      4.0
#define VERTEX_RADIUS   4.0
#define LINE_WIDTH      2.5
#define LABEL_OFFSET    14.0
#define LABEL_PADDING   6.0

struct _PvMeasureTool
{
  GObject        parent_instance;

  PvMeasureMode  mode;
  /* Map coordinates, interleaved x, y. */
  GArray        *points;
  PvCrs         *crs;
  gboolean       finished;

  /* The view while the tool is its tool (weak). */
  PvMapView     *view;

  /* The press being followed: a click, or a drag that pans. */
  gboolean       pressed;
  gboolean       panning;
  double         press_x;
  double         press_y;
  double         last_x;
  double         last_y;
  /* The release of a double click's second press adds nothing. */
  gboolean       swallow_release;

  /* The rubber band's free end, in map coordinates. */
  gboolean       has_hover;
  double         hover_x;
  double         hover_y;

  guint          n_points_notified;
  double         geodesic;
  double         planar;
  char          *result;
  char          *notice;
};

static void pv_measure_tool_map_tool_init (PvMapToolInterface *iface);

G_DEFINE_ENUM_TYPE (PvMeasureMode, pv_measure_mode,
                    G_DEFINE_ENUM_VALUE (PV_MEASURE_MODE_DISTANCE, "distance"),
                    G_DEFINE_ENUM_VALUE (PV_MEASURE_MODE_AREA, "area"))

G_DEFINE_FINAL_TYPE_WITH_CODE (PvMeasureTool, pv_measure_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PV_TYPE_MAP_TOOL, pv_measure_tool_map_tool_init))

enum
{
  PROP_0,
  PROP_MODE,
  PROP_FINISHED,
  PROP_N_POINTS,
  PROP_GEODESIC,
  PROP_PLANAR,
  PROP_RESULT,
  PROP_NOTICE,
  N_PROPS
};

enum
{
  SIGNAL_MEASURED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Formatting */

char *
pv_measure_format_length (double metres)
{
  g_autofree char *digits = NULL;

  if (!isfinite (metres))
    return g_strdup ("—");
  if (fabs (metres) < 999.95)
    {
      digits = pv_format_grouped (metres, fabs (metres) < 10 ? 2 : 1);
      /* translators: a measured length in metres, e.g. "850.3 m" */
      return g_strdup_printf (C_("measurement", "%s m"), digits);
    }
  if (fabs (metres) < 9999.5)
    digits = pv_format_grouped (metres / 1000, 3);
  else if (fabs (metres) < 99995)
    digits = pv_format_grouped (metres / 1000, 2);
  else
    digits = pv_format_grouped (metres / 1000, 1);
  /* translators: a measured length in kilometres, e.g. "12.48 km" */
  return g_strdup_printf (C_("measurement", "%s km"), digits);
}

char *
pv_measure_format_area (double square_metres)
{
  g_autofree char *digits = NULL;

  if (!isfinite (square_metres))
    return g_strdup ("—");
  if (fabs (square_metres) < 9999.5)
    {
      digits = pv_format_grouped (square_metres, fabs (square_metres) < 100 ? 1 : 0);
      /* translators: a measured area in square metres, e.g. "950 m²" */
      return g_strdup_printf (C_("measurement", "%s m²"), digits);
    }
  digits = pv_format_grouped (square_metres / 10000, 2);
  /* translators: a measured area in hectares, e.g. "3.25 ha" */
  return g_strdup_printf (C_("measurement", "%s ha"), digits);
}

/* "1.234 km (planar 1.233 km)", or NULL when there is no value. */
static char *
format_result (PvMeasureMode mode,
               double        geodesic,
               double        planar)
{
  char *(*format) (double) = mode == PV_MEASURE_MODE_AREA ? pv_measure_format_area
                                                          : pv_measure_format_length;
  g_autofree char *g = NULL;
  g_autofree char *p = NULL;

  if (isnan (geodesic) && isnan (planar))
    return NULL;
  if (isnan (planar))
    return format (geodesic);
  p = format (planar);
  if (isnan (geodesic))
    /* translators: a length or area measured in the map's plane only (the map
     * has no coordinate reference system), e.g. "1.234 km (planar)" */
    return g_strdup_printf (_("%s (planar)"), p);
  g = format (geodesic);
  /* translators: a length or area measured on the ellipsoid, then the same
   * in the map's plane, e.g. "1.234 km (planar 1.233 km)" */
  return g_strdup_printf (_("%s (planar %s)"), g, p);
}

/* Measuring */

static guint
min_points (PvMeasureTool *self)
{
  return self->mode == PV_MEASURE_MODE_AREA ? 3 : 2;
}

static PvCrs *
get_view_crs (PvMeasureTool *self)
{
  PvMap *map;

  if (self->view == NULL || !(map = pv_map_view_get_map (self->view)))
    return NULL;
  return pv_map_get_crs (map);
}

/* The values of n points of xy; NaN and TRUE below the minimum. */
static gboolean
measure (PvMeasureTool  *self,
         const double   *xy,
         guint           n,
         double         *geodesic,
         double         *planar,
         GError        **error)
{
  *geodesic = NAN;
  *planar = NAN;
  if (n < min_points (self))
    return TRUE;
  if (self->mode == PV_MEASURE_MODE_AREA)
    return pv_geodesic_area (self->crs, xy, n, geodesic, planar, error);
  return pv_geodesic_length (self->crs, xy, n, geodesic, planar, error);
}

static void
queue_draw (PvMeasureTool *self)
{
  if (self->view != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

/* Recomputes the values of the vertices placed and notifies what changed. */
static void
update_result (PvMeasureTool *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autofree char *notice = NULL;
  double geodesic, planar;
  guint n = self->points->len / 2;

  g_object_freeze_notify (G_OBJECT (self));

  if (!measure (self, (const double *) self->points->data, n, &geodesic, &planar, &error))
    notice = g_strdup (error->message);
  else
    result = format_result (self->mode, geodesic, planar);

  if (notice == NULL && n > 0)
    {
      g_autofree char *ellipsoid = self->crs != NULL ? pv_geodesic_dup_ellipsoid_name (self->crs) : NULL;

      if (self->crs == NULL)
        notice = g_strdup (_("The map has no coordinate reference system: measured in its "
                             "plane, map units taken as metres"));
      else if (ellipsoid != NULL)
        /* translators: %s is an ellipsoid's name, e.g. "WGS 84" */
        notice = g_strdup_printf (_("Geodesic on the %s ellipsoid"), ellipsoid);
    }

  if (!(geodesic == self->geodesic || (isnan (geodesic) && isnan (self->geodesic))))
    {
      self->geodesic = geodesic;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEODESIC]);
    }
  if (!(planar == self->planar || (isnan (planar) && isnan (self->planar))))
    {
      self->planar = planar;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANAR]);
    }
  if (g_strcmp0 (result, self->result) != 0)
    {
      g_free (self->result);
      self->result = g_steal_pointer (&result);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
    }
  if (g_strcmp0 (notice, self->notice) != 0)
    {
      g_free (self->notice);
      self->notice = g_steal_pointer (&notice);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
    }
  if (n != self->n_points_notified)
    {
      self->n_points_notified = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
  queue_draw (self);
}

static void
set_finished (PvMeasureTool *self,
              gboolean       finished)
{
  if (self->finished == finished)
    return;
  self->finished = finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

static void
add_point (PvMeasureTool *self,
           double         x,
           double         y)
{
  double map_x, map_y;

  pv_map_view_widget_to_map (self->view, x, y, &map_x, &map_y);
  if (self->points->len == 0)
    g_set_object (&self->crs, get_view_crs (self));
  g_array_append_val (self->points, map_x);
  g_array_append_val (self->points, map_y);
  update_result (self);
}

/* Ends the shape; FALSE when it has too few vertices. */
static gboolean
finish (PvMeasureTool *self)
{
  if (self->finished || self->points->len / 2 < min_points (self))
    return FALSE;
  self->has_hover = FALSE;
  set_finished (self, TRUE);
  queue_draw (self);
  g_signal_emit (self, signals[SIGNAL_MEASURED], 0, self->geodesic, self->planar);
  return TRUE;
}

/* The map's CRS is no longer the one the vertices were placed in. */
static gboolean
crs_changed (PvMeasureTool *self)
{
  PvCrs *crs = get_view_crs (self);

  if (self->points->len == 0 || self->view == NULL)
    return FALSE;
  if (crs == NULL || self->crs == NULL)
    return crs != self->crs;
  return !pv_crs_equals (crs, self->crs);
}

/* PvMapTool */

static void
pv_measure_tool_activate (PvMapTool *tool,
                          PvMapView *view)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);

  g_set_weak_pointer (&self->view, view);
  self->pressed = FALSE;
  self->swallow_release = FALSE;
  if (crs_changed (self))
    pv_measure_tool_clear (self);
  queue_draw (self);
}

static void
pv_measure_tool_deactivate (PvMapTool *tool,
                            PvMapView *view)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);

  /* The vertices stay, for whoever keeps the measurement. */
  self->has_hover = FALSE;
  self->pressed = FALSE;
  queue_draw (self);
  g_clear_weak_pointer (&self->view);
}

static gboolean
pv_measure_tool_press (PvMapTool       *tool,
                       PvMapView       *view,
                       int              n_press,
                       double           x,
                       double           y,
                       GdkModifierType  state)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);

  if (n_press >= 2)
    {
      /* The first press of the pair placed the last vertex already. */
      finish (self);
      self->swallow_release = TRUE;
      return TRUE;
    }
  self->pressed = TRUE;
  self->panning = FALSE;
  self->press_x = self->last_x = x;
  self->press_y = self->last_y = y;
  return TRUE;
}

static void
pv_measure_tool_drag_update (PvMapTool *tool,
                             PvMapView *view,
                             double     x,
                             double     y)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);

  if (!self->pressed)
    return;
  if (!self->panning && hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP)
    self->panning = TRUE;
  if (self->panning)
    pv_map_view_pan (view, x - self->last_x, y - self->last_y);
  self->last_x = x;
  self->last_y = y;
}

static void
pv_measure_tool_release (PvMapTool *tool,
                         PvMapView *view,
                         double     x,
                         double     y)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);
  gboolean click;

  pv_measure_tool_drag_update (tool, view, x, y);
  click = self->pressed && !self->panning;
  self->pressed = FALSE;
  self->panning = FALSE;
  if (self->swallow_release)
    {
      self->swallow_release = FALSE;
      return;
    }
  if (!click)
    return;
  if (self->finished || crs_changed (self))
    pv_measure_tool_clear (self);
  add_point (self, self->press_x, self->press_y);
}

static void
pv_measure_tool_motion (PvMapTool *tool,
                        PvMapView *view,
                        double     x,
                        double     y)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);

  if (self->finished || self->points->len == 0)
    return;
  pv_map_view_widget_to_map (view, x, y, &self->hover_x, &self->hover_y);
  self->has_hover = TRUE;
  queue_draw (self);
}

static gboolean
pv_measure_tool_key_pressed (PvMapTool       *tool,
                             PvMapView       *view,
                             guint            keyval,
                             GdkModifierType  state)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->points->len == 0)
        return FALSE;
      pv_measure_tool_clear (self);
      return TRUE;

    case GDK_KEY_BackSpace:
      if (self->points->len == 0)
        return FALSE;
      g_array_set_size (self->points, self->points->len - 2);
      if (self->points->len == 0)
        g_clear_object (&self->crs);
      set_finished (self, FALSE);
      update_result (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->points->len == 0)
        return FALSE;
      finish (self);
      return TRUE;

    default:
      return FALSE;
    }
}

/* Drawing */

static void
get_live_values (PvMeasureTool *self,
                 double        *geodesic,
                 double        *planar)
{
  g_autoptr(GArray) xy = NULL;

  *geodesic = self->geodesic;
  *planar = self->planar;
  if (!self->has_hover || self->finished)
    return;
  xy = g_array_copy (self->points);
  g_array_append_val (xy, self->hover_x);
  g_array_append_val (xy, self->hover_y);
  if (!measure (self, (const double *) xy->data, xy->len / 2, geodesic, planar, NULL))
    *geodesic = *planar = NAN;
}

static void
trace_path (cairo_t *cr,
            GArray  *widget_xy,
            gboolean close)
{
  const double *p = (const double *) widget_xy->data;

  cairo_new_path (cr);
  for (guint i = 0; i < widget_xy->len / 2; i++)
    cairo_line_to (cr, p[2 * i], p[2 * i + 1]);
  if (close)
    cairo_close_path (cr);
}

static void
draw_label (PvMeasureTool *self,
            cairo_t       *cr,
            const char    *text,
            double         x,
            double         y,
            double         width,
            double         height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->view), NULL);
  int text_width, text_height;
  double w, h;

  pango_layout_set_markup (layout, text, -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  w = text_width + 2 * LABEL_PADDING;
  h = text_height + 2 * LABEL_PADDING;
  /* Below right of the vertex, or on the other side near an edge. */
  x = x + LABEL_OFFSET + w <= width ? x + LABEL_OFFSET : MAX (0, x - LABEL_OFFSET - w);
  y = y + LABEL_OFFSET + h <= height ? y + LABEL_OFFSET : MAX (0, y - LABEL_OFFSET - h);
  /* The pointer may be past the edge while dragging in from outside. */
  x = MAX (0, MIN (x, width - w));
  y = MAX (0, MIN (y, height - h));

  cairo_new_path (cr);
  cairo_arc (cr, x + w - 4, y + 4, 4, -G_PI / 2, 0);
  cairo_arc (cr, x + w - 4, y + h - 4, 4, 0, G_PI / 2);
  cairo_arc (cr, x + 4, y + h - 4, 4, G_PI / 2, G_PI);
  cairo_arc (cr, x + 4, y + 4, 4, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_move_to (cr, x + LABEL_PADDING, y + LABEL_PADDING);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  pango_cairo_show_layout (cr, layout);
}

static void
pv_measure_tool_snapshot (PvMapTool   *tool,
                          PvMapView   *view,
                          GtkSnapshot *snapshot)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (tool);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autoptr(GArray) placed = NULL;
  g_autoptr(GArray) live = NULL;
  g_autofree char *value = NULL;
  g_autofree char *markup = NULL;
  const double *p;
  double geodesic, planar, label_x, label_y;
  guint n = self->points->len / 2;
  gboolean area = self->mode == PV_MEASURE_MODE_AREA;
  cairo_t *cr;

  if (n == 0 || width <= 0 || height <= 0 || crs_changed (self))
    return;

  placed = g_array_sized_new (FALSE, FALSE, sizeof (double), self->points->len + 2);
  p = (const double *) self->points->data;
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      pv_map_view_map_to_widget (view, p[2 * i], p[2 * i + 1], &x, &y);
      g_array_append_val (placed, x);
      g_array_append_val (placed, y);
    }
  live = g_array_copy (placed);
  if (self->has_hover && !self->finished)
    {
      double x, y;

      pv_map_view_map_to_widget (view, self->hover_x, self->hover_y, &x, &y);
      g_array_append_val (live, x);
      g_array_append_val (live, y);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (area && live->len / 2 >= 3)
    {
      trace_path (cr, live, TRUE);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.25);
      cairo_fill (cr);
    }

  /* The placed segments solid on a white halo; the rubber band dashed. */
  trace_path (cr, placed, area && self->finished);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_set_line_width (cr, LINE_WIDTH + 2);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_stroke (cr);
  if (live->len > placed->len)
    {
      const double *q = (const double *) live->data;
      static const double dashes[] = { 6, 4 };

      cairo_new_path (cr);
      cairo_move_to (cr, q[2 * (n - 1)], q[2 * (n - 1) + 1]);
      cairo_line_to (cr, q[2 * n], q[2 * n + 1]);
      if (area && n >= 2)
        cairo_line_to (cr, q[0], q[1]);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, LINE_WIDTH - 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      const double *q = (const double *) placed->data;

      cairo_new_path (cr);
      cairo_arc (cr, q[2 * i], q[2 * i + 1], VERTEX_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  /* The value next to the last vertex (the rubber band's end while moving). */
  get_live_values (self, &geodesic, &planar);
  value = format_result (self->mode, geodesic, planar);
  label_x = g_array_index (live, double, live->len - 2);
  label_y = g_array_index (live, double, live->len - 1);
  if (value != NULL || self->notice != NULL)
    {
      g_autofree char *value_markup = value != NULL ? g_markup_escape_text (value, -1) : NULL;
      g_autofree char *notice_markup = self->notice != NULL ? g_markup_escape_text (self->notice, -1) : NULL;

      if (value_markup != NULL && notice_markup != NULL)
        markup = g_strdup_printf ("<b>%s</b>\n<small>%s</small>", value_markup, notice_markup);
      else if (value_markup != NULL)
        markup = g_strdup_printf ("<b>%s</b>", value_markup);
      else
        markup = g_strdup_printf ("<small>%s</small>", notice_markup);
      draw_label (self, cr, markup, label_x, label_y, width, height);
    }

  cairo_destroy (cr);
}

static const char *
pv_measure_tool_get_cursor_name (PvMapTool *tool)
{
  return "crosshair";
}

static void
pv_measure_tool_map_tool_init (PvMapToolInterface *iface)
{
  iface->activate = pv_measure_tool_activate;
  iface->deactivate = pv_measure_tool_deactivate;
  iface->press = pv_measure_tool_press;
  iface->drag_update = pv_measure_tool_drag_update;
  iface->release = pv_measure_tool_release;
  iface->motion = pv_measure_tool_motion;
  iface->key_pressed = pv_measure_tool_key_pressed;
  iface->snapshot = pv_measure_tool_snapshot;
  iface->get_cursor_name = pv_measure_tool_get_cursor_name;
}

/* GObject */

static void
pv_measure_tool_finalize (GObject *object)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (object);

  g_clear_weak_pointer (&self->view);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_object (&self->crs);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (pv_measure_tool_parent_class)->finalize (object);
}

static void
pv_measure_tool_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len / 2);
      break;
    case PROP_GEODESIC:
      g_value_set_double (value, self->geodesic);
      break;
    case PROP_PLANAR:
      g_value_set_double (value, self->planar);
      break;
    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_measure_tool_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PvMeasureTool *self = PV_MEASURE_TOOL (object);

  switch (prop_id)
    {
    case PROP_MODE:
      pv_measure_tool_set_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pv_measure_tool_class_init (PvMeasureToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pv_measure_tool_finalize;
  object_class->get_property = pv_measure_tool_get_property;
  object_class->set_property = pv_measure_tool_set_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, PV_TYPE_MEASURE_MODE, PV_MEASURE_MODE_DISTANCE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_GEODESIC] =
    g_param_spec_double ("geodesic", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLANAR] =
    g_param_spec_double ("planar", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PvMeasureTool::measured:
   * @geodesic: metres or m² on the ellipsoid (NaN without a CRS)
   * @planar: metres or m² in the map CRS's plane (NaN for a geographic CRS)
   *
   * A double click or Return finished the shape.
   */
  signals[SIGNAL_MEASURED] =
    g_signal_new ("measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
pv_measure_tool_init (PvMeasureTool *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->geodesic = NAN;
  self->planar = NAN;
}

/* Public API */

PvMeasureTool *
pv_measure_tool_new (PvMeasureMode mode)
{
  return g_object_new (PV_TYPE_MEASURE_TOOL, "mode", mode, NULL);
}

PvMeasureMode
pv_measure_tool_get_mode (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), PV_MEASURE_MODE_DISTANCE);

  return self->mode;
}

void
pv_measure_tool_set_mode (PvMeasureTool *self,
                          PvMeasureMode  mode)
{
  g_return_if_fail (PV_IS_MEASURE_TOOL (self));
  g_return_if_fail (mode == PV_MEASURE_MODE_DISTANCE || mode == PV_MEASURE_MODE_AREA);

  if (self->mode == mode)
    return;
  self->mode = mode;
  pv_measure_tool_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
pv_measure_tool_clear (PvMeasureTool *self)
{
  g_return_if_fail (PV_IS_MEASURE_TOOL (self));

  g_array_set_size (self->points, 0);
  g_clear_object (&self->crs);
  self->has_hover = FALSE;
  set_finished (self, FALSE);
  update_result (self);
}

gboolean
pv_measure_tool_get_finished (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), FALSE);

  return self->finished;
}

guint
pv_measure_tool_get_n_points (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), 0);

  return self->points->len / 2;
}

gboolean
pv_measure_tool_get_points (PvMeasureTool  *self,
                            GArray        **xy_map)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), FALSE);
  g_return_val_if_fail (xy_map != NULL, FALSE);

  *xy_map = NULL;
  if (self->points->len / 2 < min_points (self))
    return FALSE;
  *xy_map = g_array_copy (self->points);
  return TRUE;
}

PvCrs *
pv_measure_tool_get_crs (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), NULL);

  return self->crs;
}

double
pv_measure_tool_get_geodesic (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), NAN);

  return self->geodesic;
}

double
pv_measure_tool_get_planar (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), NAN);

  return self->planar;
}

const char *
pv_measure_tool_get_result (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), NULL);

  return self->result;
}

const char *
pv_measure_tool_get_notice (PvMeasureTool *self)
{
  g_return_val_if_fail (PV_IS_MEASURE_TOOL (self), NULL);

  return self->notice;
}
