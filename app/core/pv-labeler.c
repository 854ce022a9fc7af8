/* pv-labeler.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Label placement across the layers of a map, and label drawing.
 *
 * Every candidate is tried in one order that does not depend on the view
 * (priority, layer, feature size, feature index), and every candidate
 * position is fixed in map units (the pole of a polygon, points along a line
 * at fixed spacing, fixed offsets around a point), so a label that stays in
 * view keeps its map position while the view pans. Labels are placed on a
 * frame enlarged by a margin, so labels just beyond the frame edge still take
 * their room; only the labels wholly inside the frame are drawn. */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pv-labeler.h"
#include "pv-vector-labels-private.h"

/* Margin around the frame where labels are placed but not drawn (px at 96 dpi). */
#define MARGIN_PX 160.0
/* Collision grid cell (device px). */
#define GRID_CELL 48.0
/* Distance between repeated labels along a line, beyond the label (px at 96 dpi). */
#define LINE_REPEAT_PX 320.0
/* Largest turn between neighbouring glyphs, and over a whole line label. */
#define MAX_GLYPH_TURN (G_PI / 6)
#define MAX_LABEL_TURN (G_PI / 2.5)
/* Marker radius of points (px at 96 dpi), as the vector layer draws them. */
#define MARKER_RADIUS_PX 3.0
#define CANCEL_CHECK_INTERVAL 256
#define POLE_MAX_CELLS 20000

/* Pango font maps are not for concurrent use: every layout and drawing goes
 * through one font map, under this lock. */
static GMutex pango_lock;
static PangoFontMap *font_map;

/* ---------------------------------------------------------------- poles */

typedef struct
{
  double x;
  double y;
  double dist; /* radius of the largest circle inside, map units */
} Pole;

/* Poles of a layer's polygons for one Prepared (computed once per feature,
 * on demand). */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  Prepared        *prepared;
  GHashTable      *poles; /* feature + 1 → Pole */
} PoleCache;

static GMutex pole_cache_lock;

static void
pole_cache_unref (PoleCache *cache)
{
  if (cache == NULL || !g_atomic_ref_count_dec (&cache->ref_count))
    return;
  g_mutex_clear (&cache->mutex);
  _pv_prepared_unref (cache->prepared);
  g_hash_table_unref (cache->poles);
  g_free (cache);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoleCache, pole_cache_unref)

static PoleCache *
pole_cache_get (PvVectorLayer *layer,
                Prepared      *p)
{
  PoleCache *cache;

  g_mutex_lock (&pole_cache_lock);
  cache = g_object_get_data (G_OBJECT (layer), "pv-labeler-poles");
  if (cache == NULL || cache->prepared != p)
    {
      cache = g_new0 (PoleCache, 1);
      g_atomic_ref_count_init (&cache->ref_count);
      g_mutex_init (&cache->mutex);
      cache->prepared = _pv_prepared_ref (p);
      cache->poles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_object_set_data_full (G_OBJECT (layer), "pv-labeler-poles", cache, (GDestroyNotify) pole_cache_unref);
    }
  g_atomic_ref_count_inc (&cache->ref_count);
  g_mutex_unlock (&pole_cache_lock);
  return cache;
}

/* Signed distance from (x, y) to the rings of feature f: positive inside
 * (even-odd over all its rings, holes included). */
static double
polygon_distance (PvVectorLayer *layer,
                  const double  *xy,
                  guint          f,
                  double         x,
                  double         y)
{
  gboolean inside = FALSE;
  double min2 = INFINITY;

  for (guint part = layer->part_starts[f]; part < layer->part_starts[f + 1]; part++)
    {
      guint v0 = layer->vertex_starts[part], v1 = layer->vertex_starts[part + 1];

      if (v1 - v0 < 3)
        continue;
      for (guint i = v0, j = v1 - 1; i < v1; j = i++)
        {
          double ax = xy[2 * j], ay = xy[2 * j + 1], bx = xy[2 * i], by = xy[2 * i + 1];

          if (!isfinite (ax) || !isfinite (ay) || !isfinite (bx) || !isfinite (by))
            continue;
          if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
            inside = !inside;
          min2 = MIN (min2, _pv_segment_distance2 (x, y, ax, ay, bx, by));
        }
    }
  if (!isfinite (min2))
    return -INFINITY;
  return (inside ? 1 : -1) * sqrt (min2);
}

typedef struct
{
  double x;
  double y;
  double h;   /* half size */
  double d;   /* distance of the centre */
  double max; /* the best distance inside the cell */
} Cell;

static Cell
make_cell (PvVectorLayer *layer,
           const double  *xy,
           guint          f,
           double         x,
           double         y,
           double         h)
{
  Cell c = { x, y, h, polygon_distance (layer, xy, f, x, y), 0 };

  c.max = c.d + h * G_SQRT2;
  return c;
}

static void
heap_push (GArray *heap,
           Cell    cell)
{
  Cell *cells;
  guint i;

  g_array_append_val (heap, cell);
  cells = (Cell *) heap->data;
  for (i = heap->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;
      Cell t;

      if (cells[parent].max >= cells[i].max)
        break;
      t = cells[parent];
      cells[parent] = cells[i];
      cells[i] = t;
      i = parent;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell *cells = (Cell *) heap->data;
  Cell top = cells[0];
  guint n = heap->len - 1, i = 0;

  cells[0] = cells[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cell t;

      if (l < n && cells[l].max > cells[m].max)
        m = l;
      if (r < n && cells[r].max > cells[m].max)
        m = r;
      if (m == i)
        break;
      t = cells[m];
      cells[m] = cells[i];
      cells[i] = t;
      i = m;
    }
  return top;
}

/* The pole of inaccessibility (polylabel: Garcia-Castellanos & Lombardo 2007,
 * as Mapbox's polylabel finds it), to a precision of 1/400 of the feature's
 * size, in map units, so that it never depends on the view. */
static void
compute_pole (PvVectorLayer *layer,
              const double  *xy,
              guint          f,
              const float   *box,
              Pole          *pole)
{
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  double w = box[2] - box[0], h = box[3] - box[1];
  double cell_size = MIN (w, h), precision = MAX (w, h) / 400.0;
  double area = 0, cx = 0, cy = 0;
  Cell best;
  guint n_cells = 0;

  if (!(cell_size > 0))
    {
      pole->x = (box[0] + box[2]) / 2.0;
      pole->y = (box[1] + box[3]) / 2.0;
      pole->dist = 0;
      return;
    }
  cell_size = MAX (cell_size, MAX (w, h) / 256.0);
  for (double x = box[0]; x < box[2]; x += cell_size)
    for (double y = box[1]; y < box[3]; y += cell_size)
      heap_push (heap, make_cell (layer, xy, f, x + cell_size / 2, y + cell_size / 2, cell_size / 2));

  /* Start from the area centroid (it is often close), else the box centre. */
  for (guint part = layer->part_starts[f]; part < layer->part_starts[f + 1]; part++)
    {
      guint v0 = layer->vertex_starts[part], v1 = layer->vertex_starts[part + 1];

      for (guint i = v0, j = v1 - 1; v1 - v0 >= 3 && i < v1; j = i++)
        {
          double a = xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];

          if (!isfinite (a))
            continue;
          area += a;
          cx += (xy[2 * j] + xy[2 * i]) * a;
          cy += (xy[2 * j + 1] + xy[2 * i + 1]) * a;
        }
    }
  best = make_cell (layer, xy, f, (box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0, 0);
  if (area != 0)
    {
      Cell centroid = make_cell (layer, xy, f, cx / (3 * area), cy / (3 * area), 0);

      if (centroid.d > best.d)
        best = centroid;
    }

  while (heap->len > 0 && n_cells++ < POLE_MAX_CELLS)
    {
      Cell cell = heap_pop (heap);
      double half;

      if (cell.d > best.d)
        best = cell;
      if (cell.max - best.d <= precision)
        continue;
      half = cell.h / 2;
      heap_push (heap, make_cell (layer, xy, f, cell.x - half, cell.y - half, half));
      heap_push (heap, make_cell (layer, xy, f, cell.x + half, cell.y - half, half));
      heap_push (heap, make_cell (layer, xy, f, cell.x - half, cell.y + half, half));
      heap_push (heap, make_cell (layer, xy, f, cell.x + half, cell.y + half, half));
    }
  pole->x = best.x;
  pole->y = best.y;
  pole->dist = MAX (best.d, 0);
}

static const Pole *
pole_cache_lookup (PoleCache     *cache,
                   PvVectorLayer *layer,
                   guint          f,
                   const float   *box)
{
  Pole *pole;

  g_mutex_lock (&cache->mutex);
  pole = g_hash_table_lookup (cache->poles, GUINT_TO_POINTER (f + 1));
  if (pole == NULL)
    {
      pole = g_new (Pole, 1);
      compute_pole (layer, cache->prepared->xy, f, box, pole);
      g_hash_table_insert (cache->poles, GUINT_TO_POINTER (f + 1), pole);
    }
  g_mutex_unlock (&cache->mutex);
  /* Poles are never removed while the cache lives. */
  return pole;
}

/* ---------------------------------------------------------------- collision grid */

typedef struct
{
  double     x0;
  double     y0;
  int        nx;
  int        ny;
  GArray   **cells; /* guint indices into boxes, created on demand */
  GArray    *boxes; /* PvLabelBox */
} Grid;

static void
grid_init (Grid   *grid,
           double  x0,
           double  y0,
           double  x1,
           double  y1)
{
  grid->x0 = x0;
  grid->y0 = y0;
  grid->nx = MAX ((int) ceil ((x1 - x0) / GRID_CELL), 1);
  grid->ny = MAX ((int) ceil ((y1 - y0) / GRID_CELL), 1);
  grid->cells = g_new0 (GArray *, (gsize) grid->nx * grid->ny);
  grid->boxes = g_array_new (FALSE, FALSE, sizeof (PvLabelBox));
}

static void
grid_clear (Grid *grid)
{
  for (gsize i = 0; i < (gsize) grid->nx * grid->ny; i++)
    if (grid->cells[i] != NULL)
      g_array_unref (grid->cells[i]);
  g_free (grid->cells);
  g_array_unref (grid->boxes);
}

static gboolean
grid_range (Grid             *grid,
            const PvLabelBox *b,
            int              *i0,
            int              *j0,
            int              *i1,
            int              *j1)
{
  *i0 = MAX ((int) floor ((b->x0 - grid->x0) / GRID_CELL), 0);
  *j0 = MAX ((int) floor ((b->y0 - grid->y0) / GRID_CELL), 0);
  *i1 = MIN ((int) floor ((b->x1 - grid->x0) / GRID_CELL), grid->nx - 1);
  *j1 = MIN ((int) floor ((b->y1 - grid->y0) / GRID_CELL), grid->ny - 1);
  return *i0 <= *i1 && *j0 <= *j1;
}

static inline gboolean
boxes_overlap (const PvLabelBox *a,
               const PvLabelBox *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static gboolean
grid_collides (Grid             *grid,
               const PvLabelBox *b)
{
  int i0, j0, i1, j1;

  if (!grid_range (grid, b, &i0, &j0, &i1, &j1))
    return FALSE;
  for (int j = j0; j <= j1; j++)
    for (int i = i0; i <= i1; i++)
      {
        GArray *cell = grid->cells[(gsize) j * grid->nx + i];

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          if (boxes_overlap (b, &g_array_index (grid->boxes, PvLabelBox, g_array_index (cell, guint, k))))
            return TRUE;
      }
  return FALSE;
}

static void
grid_insert (Grid             *grid,
             const PvLabelBox *b)
{
  guint index = grid->boxes->len;
  int i0, j0, i1, j1;

  if (!grid_range (grid, b, &i0, &j0, &i1, &j1))
    return;
  g_array_append_val (grid->boxes, *b);
  for (int j = j0; j <= j1; j++)
    for (int i = i0; i <= i1; i++)
      {
        GArray **cell = &grid->cells[(gsize) j * grid->nx + i];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/* ---------------------------------------------------------------- text */

typedef struct
{
  int    start;  /* bytes into the text */
  int    length;
  double x;      /* px from the start of the text */
  double width;
} Cluster;

/* A text laid out once per frame (many features share a text). */
typedef struct
{
  PangoLayout *layout;
  double       width;   /* logical size, px */
  double       height;
  GArray      *clusters; /* Cluster, made on first use */
} Measure;

static void
measure_free (Measure *m)
{
  g_clear_object (&m->layout);
  g_clear_pointer (&m->clusters, g_array_unref);
  g_free (m);
}

/* A glyph cluster of a line label. */
typedef struct
{
  PangoLayout *layout;
  double       x;      /* centre, device px */
  double       y;
  double       angle;
  double       width;
  double       height;
} Glyph;

static void
glyph_clear (Glyph *glyph)
{
  g_clear_object (&glyph->layout);
}

typedef struct
{
  PvPlacedLabel  pub;
  PangoLayout   *layout;  /* straight labels */
  double         left;    /* top-left of the layout, device px */
  double         top;
  GArray        *glyphs;  /* Glyph: line labels */
  double         color[4];
  double         halo[4];
  double         halo_px;
} Placed;

static void
placed_free (Placed *placed)
{
  g_free (placed->pub.text);
  g_clear_object (&placed->pub.layer);
  g_clear_pointer (&placed->pub.boxes, g_array_unref);
  g_clear_object (&placed->layout);
  g_clear_pointer (&placed->glyphs, g_array_unref);
  g_free (placed);
}

void
pv_placed_label_free (PvPlacedLabel *label)
{
  if (label == NULL)
    return;
  /* Its layouts belong to the shared font map. */
  g_mutex_lock (&pango_lock);
  placed_free ((Placed *) label);
  g_mutex_unlock (&pango_lock);
}

/* ---------------------------------------------------------------- placement */

typedef struct
{
  PvVectorLayer        *layer;
  guint                 position;
  PvLabelTexts         *texts;
  Prepared             *p;
  PoleCache            *poles;
  GHashTable           *measures; /* text → Measure */
  PangoFontDescription *font;
  double                font_px;
  double                halo_px;
  double                offset_px;
  double                color[4];
  double                halo[4];
} LayerJob;

static void
layer_job_clear (LayerJob *job)
{
  g_clear_pointer (&job->texts, _pv_label_texts_unref);
  g_clear_pointer (&job->p, _pv_prepared_unref);
  g_clear_pointer (&job->poles, pole_cache_unref);
  g_clear_pointer (&job->measures, g_hash_table_unref);
  g_clear_pointer (&job->font, pango_font_description_free);
  if (job->layer != NULL)
    g_rw_lock_reader_unlock (&job->layer->window_lock);
  job->layer = NULL;
}

typedef struct
{
  guint32 feature;
  guint16 job;
  gint16  priority;
  guint   position;
  float   size;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->priority != cb->priority)
    return ca->priority > cb->priority ? -1 : 1;
  if (ca->position != cb->position)
    return ca->position > cb->position ? -1 : 1;
  if (ca->size != cb->size)
    return ca->size > cb->size ? -1 : 1;
  if (ca->feature != cb->feature)
    return ca->feature < cb->feature ? -1 : 1;
  return 0;
}

typedef struct
{
  PvViewport   *viewport;
  int           width;
  int           height;
  double        res;
  double        dpi;
  double        map_x0;   /* map x of device x = 0 */
  double        map_y0;   /* map y of device y = 0 */
  double        margin;
  PangoContext *context;
  Grid          grid;
  GPtrArray    *result;
} Placer;

static inline void
to_device (Placer *pl,
           double  mx,
           double  my,
           double *x,
           double *y)
{
  *x = (mx - pl->map_x0) / pl->res;
  *y = (pl->map_y0 - my) / pl->res;
}

static inline void
to_map (Placer *pl,
        double  x,
        double  y,
        double *mx,
        double *my)
{
  *mx = pl->map_x0 + x * pl->res;
  *my = pl->map_y0 - y * pl->res;
}

/* Call with pango_lock held. */
static Measure *
measure_text (Placer     *pl,
              LayerJob   *job,
              const char *text)
{
  Measure *m = g_hash_table_lookup (job->measures, text);
  PangoRectangle logical;

  if (m != NULL)
    return m;
  m = g_new0 (Measure, 1);
  m->layout = pango_layout_new (pl->context);
  pango_layout_set_font_description (m->layout, job->font);
  pango_layout_set_text (m->layout, text, -1);
  pango_layout_get_extents (m->layout, NULL, &logical);
  m->width = (double) logical.width / PANGO_SCALE;
  m->height = (double) logical.height / PANGO_SCALE;
  g_hash_table_insert (job->measures, (gpointer) text, m);
  return m;
}

/* Call with pango_lock held. */
static GArray *
measure_clusters (Measure *m)
{
  PangoLayoutIter *iter;

  if (m->clusters != NULL)
    return m->clusters;
  m->clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  iter = pango_layout_get_iter (m->layout);
  do
    {
      PangoRectangle logical;
      Cluster cluster;

      pango_layout_iter_get_cluster_extents (iter, NULL, &logical);
      cluster.start = pango_layout_iter_get_index (iter);
      cluster.x = (double) logical.x / PANGO_SCALE;
      cluster.width = (double) logical.width / PANGO_SCALE;
      cluster.length = 0;
      g_array_append_val (m->clusters, cluster);
    }
  while (pango_layout_iter_next_cluster (iter));
  pango_layout_iter_free (iter);
  {
    const char *text = pango_layout_get_text (m->layout);
    int end = (int) strlen (text);

    /* Clusters in visual order; lengths from the sorted starts. */
    for (guint i = 0; i < m->clusters->len; i++)
      {
        Cluster *c = &g_array_index (m->clusters, Cluster, i);
        int next = end;

        for (guint k = 0; k < m->clusters->len; k++)
          {
            int s = g_array_index (m->clusters, Cluster, k).start;

            if (s > c->start && s < next)
              next = s;
          }
        c->length = next - c->start;
      }
  }
  return m->clusters;
}

static gboolean
box_in_frame (Placer           *pl,
              const PvLabelBox *b)
{
  return b->x0 >= 0 && b->y0 >= 0 && b->x1 <= pl->width && b->y1 <= pl->height;
}

static gboolean
box_in_area (Placer           *pl,
             const PvLabelBox *b)
{
  return b->x1 > -pl->margin && b->y1 > -pl->margin &&
         b->x0 < pl->width + pl->margin && b->y0 < pl->height + pl->margin;
}

static Placed *
placed_new (LayerJob    *job,
            guint        feature,
            PvLabelKind  kind,
            const char  *text)
{
  Placed *placed = g_new0 (Placed, 1);

  placed->pub.text = g_strdup (text);
  placed->pub.layer = g_object_ref (PV_LAYER (job->layer));
  placed->pub.feature = feature;
  placed->pub.kind = kind;
  placed->pub.boxes = g_array_new (FALSE, FALSE, sizeof (PvLabelBox));
  memcpy (placed->color, job->color, sizeof placed->color);
  memcpy (placed->halo, job->halo, sizeof placed->halo);
  placed->halo_px = job->halo_px;
  return placed;
}

/* Reserves the room of a label; keeps it when it shows wholly in the frame. */
static void
commit (Placer *pl,
        Placed *placed)
{
  PvLabelBox *u = &placed->pub.box;

  for (guint i = 0; i < placed->pub.boxes->len; i++)
    {
      const PvLabelBox *b = &g_array_index (placed->pub.boxes, PvLabelBox, i);

      grid_insert (&pl->grid, b);
      if (i == 0)
        *u = *b;
      else
        {
          u->x0 = MIN (u->x0, b->x0);
          u->y0 = MIN (u->y0, b->y0);
          u->x1 = MAX (u->x1, b->x1);
          u->y1 = MAX (u->y1, b->y1);
        }
    }
  to_device (pl, placed->pub.map_x, placed->pub.map_y, &placed->pub.x, &placed->pub.y);
  if (box_in_frame (pl, u))
    g_ptr_array_add (pl->result, placed);
  else
    placed_free (placed);
}

static gboolean
boxes_free (Placer     *pl,
            PvLabelBox *boxes,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (grid_collides (&pl->grid, &boxes[i]))
      return FALSE;
  return TRUE;
}

/* A straight label of size w × h centred at (cx, cy) device px. */
static void
straight_box (LayerJob   *job,
              double      cx,
              double      cy,
              Measure    *m,
              PvLabelBox *b)
{
  double pad = job->halo_px + 1;

  b->x0 = cx - m->width / 2 - pad;
  b->x1 = cx + m->width / 2 + pad;
  b->y0 = cy - m->height / 2 - pad;
  b->y1 = cy + m->height / 2 + pad;
}

static void
place_straight (Placer           *pl,
                LayerJob         *job,
                guint             f,
                PvLabelKind       kind,
                const char       *text,
                Measure          *m,
                double            cx,
                double            cy,
                double            map_x,
                double            map_y,
                const PvLabelBox *b)
{
  Placed *placed = placed_new (job, f, kind, text);

  placed->layout = g_object_ref (m->layout);
  placed->left = cx - m->width / 2;
  placed->top = cy - m->height / 2;
  placed->pub.map_x = map_x;
  placed->pub.map_y = map_y;
  g_array_append_val (placed->pub.boxes, *b);
  commit (pl, placed);
}

static void
place_polygon (Placer     *pl,
               LayerJob   *job,
               guint       f,
               const char *text,
               Measure    *m,
               const float *fbox)
{
  static const double probes[8][2] = {
    { -1, -1 }, { 0, -1 }, { 1, -1 }, { 1, 0 }, { 1, 1 }, { 0, 1 }, { -1, 1 }, { -1, 0 },
  };
  const Pole *pole;
  double cx, cy;
  PvLabelBox b;

  /* Only polygons whose size on screen can hold the label get one. */
  if ((fbox[2] - fbox[0]) / pl->res < m->width || (fbox[3] - fbox[1]) / pl->res < m->height)
    return;
  if (job->poles == NULL)
    job->poles = pole_cache_get (job->layer, job->p);
  pole = pole_cache_lookup (job->poles, job->layer, f, fbox);
  if (pole->dist / pl->res < m->height / 2)
    return;
  /* The label's corners and edge middles must lie inside the polygon. */
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    if (polygon_distance (job->layer, job->p->xy, f,
                          pole->x + probes[i][0] * m->width / 2 * pl->res,
                          pole->y + probes[i][1] * m->height / 2 * pl->res) <= 0)
      return;
  to_device (pl, pole->x, pole->y, &cx, &cy);
  straight_box (job, cx, cy, m, &b);
  if (!box_in_area (pl, &b) || !boxes_free (pl, &b, 1))
    return;
  place_straight (pl, job, f, PV_LABEL_POLYGON, text, m, cx, cy, pole->x, pole->y, &b);
}

static void
place_point (Placer     *pl,
             LayerJob   *job,
             guint       f,
             const char *text,
             Measure    *m)
{
  /* Top right, top left, bottom right, bottom left, right, left, above, below. */
  static const double directions[8][2] = {
    { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 }, { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
  };
  guint v = job->layer->vertex_starts[job->layer->part_starts[f]];
  double px, py;

  to_device (pl, job->p->xy[2 * v], job->p->xy[2 * v + 1], &px, &py);
  if (!isfinite (px) || !isfinite (py))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    {
      double dx = directions[i][0], dy = directions[i][1];
      double diagonal = dx != 0 && dy != 0 ? G_SQRT2 / 2 : 1;
      double cx = px + dx * (job->offset_px * diagonal + m->width / 2);
      double cy = py + dy * (job->offset_px * diagonal + m->height / 2);
      PvLabelBox b;

      straight_box (job, cx, cy, m, &b);
      if (!box_in_area (pl, &b))
        return;
      if (!boxes_free (pl, &b, 1))
        continue;
      {
        double map_x, map_y;

        to_map (pl, cx, cy, &map_x, &map_y);
        place_straight (pl, job, f, PV_LABEL_POINT, text, m, cx, cy, map_x, map_y, &b);
      }
      return;
    }
}

/* A polyline in device px with cumulative lengths. */
typedef struct
{
  GArray *xy;   /* double pairs */
  GArray *dist; /* double, from the start */
} Path;

static void
path_point (const Path *path,
            double      s,
            double     *x,
            double     *y)
{
  const double *xy = (const double *) path->xy->data;
  const double *d = (const double *) path->dist->data;
  guint n = path->dist->len, lo = 0, hi = n - 1;
  double t;

  s = CLAMP (s, 0, d[n - 1]);
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (d[mid] <= s)
        lo = mid;
      else
        hi = mid;
    }
  t = d[hi] > d[lo] ? (s - d[lo]) / (d[hi] - d[lo]) : 0;
  *x = xy[2 * lo] + t * (xy[2 * hi] - xy[2 * lo]);
  *y = xy[2 * lo + 1] + t * (xy[2 * hi + 1] - xy[2 * lo + 1]);
}

static double
angle_difference (double a,
                  double b)
{
  double d = fmod (a - b, 2 * G_PI);

  if (d > G_PI)
    d -= 2 * G_PI;
  if (d < -G_PI)
    d += 2 * G_PI;
  return d;
}

/* Lays the clusters of m along path, centred at distance centre; upright
 * (read left to right) by walking the path backwards when it runs leftwards.
 * FALSE when the stretch bends too sharply or leaves the path. */
static gboolean
lay_along (Path    *path,
           double   centre,
           Measure *m,
           GArray  *clusters,
           double   pad,
           GArray  *glyphs,
           GArray  *boxes)
{
  double length = g_array_index (path->dist, double, path->dist->len - 1);
  double start = centre - m->width / 2, end = centre + m->width / 2;
  double sx, sy, ex, ey, first_angle = 0, last_angle = 0;
  gboolean reverse;

  if (start < 0 || end > length)
    return FALSE;
  path_point (path, start, &sx, &sy);
  path_point (path, end, &ex, &ey);
  reverse = ex < sx;
  g_array_set_size (glyphs, 0);
  g_array_set_size (boxes, 0);
  for (guint i = 0; i < clusters->len; i++)
    {
      const Cluster *c = &g_array_index (clusters, Cluster, i);
      double a = c->x, b = c->x + c->width;
      double x0, y0, x1, y1, angle, cosa, sina, hw, hh;
      Glyph glyph = { 0 };
      PvLabelBox box;

      if (reverse)
        {
          path_point (path, end - a, &x0, &y0);
          path_point (path, end - b, &x1, &y1);
        }
      else
        {
          path_point (path, start + a, &x0, &y0);
          path_point (path, start + b, &x1, &y1);
        }
      angle = c->width > 0 ? atan2 (y1 - y0, x1 - x0) : last_angle;
      if (i == 0)
        first_angle = angle;
      else if (fabs (angle_difference (angle, last_angle)) > MAX_GLYPH_TURN ||
               fabs (angle_difference (angle, first_angle)) > MAX_LABEL_TURN)
        return FALSE;
      last_angle = angle;
      glyph.x = (x0 + x1) / 2;
      glyph.y = (y0 + y1) / 2;
      glyph.angle = angle;
      glyph.width = c->width;
      glyph.height = m->height;
      g_array_append_val (glyphs, glyph);

      /* The box of the turned glyph. */
      cosa = fabs (cos (angle));
      sina = fabs (sin (angle));
      hw = (c->width * cosa + m->height * sina) / 2 + pad;
      hh = (c->width * sina + m->height * cosa) / 2 + pad;
      box.x0 = glyph.x - hw;
      box.x1 = glyph.x + hw;
      box.y0 = glyph.y - hh;
      box.y1 = glyph.y + hh;
      g_array_append_val (boxes, box);
    }
  return TRUE;
}

/* Line labels repeat along each part at a spacing fixed in map units for the
 * scale; each position tries a few fixed shifts when the line bends there. */
static void
place_line (Placer     *pl,
            LayerJob   *job,
            guint       f,
            const char *text,
            Measure    *m)
{
  PvVectorLayer *layer = job->layer;
  const double *xy = job->p->xy;
  double pad = job->halo_px + 1;
  double step = m->width + LINE_REPEAT_PX * pl->dpi / 96.0;
  GArray *clusters = measure_clusters (m);
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (PvLabelBox));
  Path path;

  path.xy = g_array_new (FALSE, FALSE, sizeof (double));
  path.dist = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint part = layer->part_starts[f]; part < layer->part_starts[f + 1]; part++)
    {
      guint v0 = layer->vertex_starts[part], v1 = layer->vertex_starts[part + 1];
      double length = 0;
      guint n_positions;
      double first;

      g_array_set_size (path.xy, 0);
      g_array_set_size (path.dist, 0);
      for (guint v = v0; v < v1; v++)
        {
          double x, y;

          to_device (pl, xy[2 * v], xy[2 * v + 1], &x, &y);
          if (!isfinite (x) || !isfinite (y))
            continue;
          if (path.xy->len > 0)
            {
              double lx = g_array_index (path.xy, double, path.xy->len - 2);
              double ly = g_array_index (path.xy, double, path.xy->len - 1);

              if (x == lx && y == ly)
                continue;
              length += hypot (x - lx, y - ly);
            }
          g_array_append_val (path.xy, x);
          g_array_append_val (path.xy, y);
          g_array_append_val (path.dist, length);
        }
      if (path.dist->len < 2 || length < m->width + 2 * pad)
        continue;
      n_positions = (guint) floor ((length - m->width) / step) + 1;
      first = (length - (n_positions - 1) * step) / 2;
      for (guint k = 0; k < n_positions; k++)
        {
          static const double shifts[] = { 0, 0.25, -0.25, 0.5, -0.5 };
          double centre = first + k * step;
          double cx, cy;

          /* Positions far from the frame are not tried at all. */
          path_point (&path, centre, &cx, &cy);
          if (cx < -pl->margin - step || cy < -pl->margin - step ||
              cx > pl->width + pl->margin + step || cy > pl->height + pl->margin + step)
            continue;
          for (guint s = 0; s < G_N_ELEMENTS (shifts); s++)
            {
              double at = centre + shifts[s] * m->width;
              Placed *placed;
              PvLabelBox *b;

              if (!lay_along (&path, at, m, clusters, pad, glyphs, boxes))
                continue;
              b = (PvLabelBox *) boxes->data;
              {
                PvLabelBox u = b[0];

                for (guint i = 1; i < boxes->len; i++)
                  {
                    u.x0 = MIN (u.x0, b[i].x0);
                    u.y0 = MIN (u.y0, b[i].y0);
                    u.x1 = MAX (u.x1, b[i].x1);
                    u.y1 = MAX (u.y1, b[i].y1);
                  }
                if (!box_in_area (pl, &u))
                  break;
              }
              if (!boxes_free (pl, b, boxes->len))
                continue;

              placed = placed_new (job, f, PV_LABEL_LINE, text);
              placed->glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
              g_array_set_clear_func (placed->glyphs, (GDestroyNotify) glyph_clear);
              for (guint i = 0; i < glyphs->len; i++)
                {
                  Glyph glyph = g_array_index (glyphs, Glyph, i);
                  const Cluster *c = &g_array_index (clusters, Cluster, i);

                  glyph.layout = pango_layout_new (pl->context);
                  pango_layout_set_font_description (glyph.layout, job->font);
                  pango_layout_set_text (glyph.layout, text + c->start, c->length);
                  g_array_append_val (placed->glyphs, glyph);
                }
              g_array_append_vals (placed->pub.boxes, boxes->data, boxes->len);
              path_point (&path, at, &cx, &cy);
              to_map (pl, cx, cy, &placed->pub.map_x, &placed->pub.map_y);
              commit (pl, placed);
              break;
            }
        }
    }
  g_array_unref (path.xy);
  g_array_unref (path.dist);
}

static PangoFontDescription *
make_font (PvLabeling *labeling)
{
  g_autofree char *families = g_strdup_printf ("%s,Noto Sans,DejaVu Sans", pv_labeling_get_font_family (labeling));
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, families);
  pango_font_description_set_size (font, (int) (pv_labeling_get_size (labeling) * PANGO_SCALE + 0.5));
  pango_font_description_set_weight (font, pv_labeling_get_bold (labeling) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

/* Whether the layer draws labels at this scale: returns its texts. */
static PvLabelTexts *
layer_label_texts (PvMap   *map,
                   PvLayer *layer,
                   double   scale)
{
  PvLabelTexts *texts;

  if (!PV_IS_VECTOR_LAYER (layer) || !pv_map_shows_layer (map, layer) || pv_layer_get_opacity (layer) <= 0 ||
      !pv_layer_is_visible_at_scale (layer, scale))
    return NULL;
  texts = _pv_vector_layer_dup_label_texts (PV_VECTOR_LAYER (layer));
  if (texts != NULL && !pv_labeling_is_visible_at_scale (texts->labeling, scale))
    g_clear_pointer (&texts, _pv_label_texts_unref);
  return texts;
}

gboolean
pv_labeler_has_labels (PvMap      *map,
                       PvViewport *viewport)
{
  double scale;

  g_return_val_if_fail (PV_IS_MAP (map), FALSE);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), FALSE);

  scale = pv_viewport_get_scale (viewport);
  for (guint i = 0; i < pv_map_get_n_layers (map); i++)
    {
      g_autoptr(PvLabelTexts) texts = layer_label_texts (map, pv_map_get_layer (map, i), scale);

      if (texts != NULL)
        return TRUE;
    }
  return FALSE;
}

static PangoContext *
create_context (double dpi)
{
  PangoContext *context;
  cairo_font_options_t *options;

  if (font_map == NULL)
    font_map = pango_cairo_font_map_new ();
  context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (context, dpi);
  /* Unhinted metrics: a label measures the same wherever it lands. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

GPtrArray *
pv_labeler_place (PvMap        *map,
                  PvViewport   *viewport,
                  GCancellable *cancellable)
{
  g_autoptr(GArray) jobs = g_array_new (FALSE, TRUE, sizeof (LayerJob));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  PvCrs *map_crs;
  double scale, mx0, my0, mx1, my1;
  gboolean cancelled = FALSE;
  Placer pl = { 0 };

  g_return_val_if_fail (PV_IS_MAP (map), NULL);
  g_return_val_if_fail (PV_IS_VIEWPORT (viewport), NULL);

  pl.result = g_ptr_array_new_with_free_func ((GDestroyNotify) pv_placed_label_free);
  pl.viewport = viewport;
  pl.width = pv_viewport_get_width (viewport);
  pl.height = pv_viewport_get_height (viewport);
  pl.res = pv_viewport_get_resolution (viewport);
  pl.dpi = pv_viewport_get_dpi (viewport);
  pl.margin = MARGIN_PX * pl.dpi / 96.0;
  pv_viewport_screen_to_map (viewport, 0, 0, &pl.map_x0, &pl.map_y0);
  if (pl.width <= 0 || pl.height <= 0 || !(pl.res > 0))
    return pl.result;
  scale = pv_viewport_get_scale (viewport);
  map_crs = pv_map_get_crs (map);

  /* The labelled layers, top first. */
  for (guint i = pv_map_get_n_layers (map); i-- > 0; )
    {
      PvLayer *layer = pv_map_get_layer (map, i);
      /* A database layer's window stays while its labels are placed
       * (unlocked by layer_job_clear()). */
      GRWLock *window_lock = PV_IS_VECTOR_LAYER (layer) ? &PV_VECTOR_LAYER (layer)->window_lock : NULL;
      g_autoptr(PvLabelTexts) texts = NULL;
      LayerJob job = { 0 };

      if (window_lock != NULL)
        g_rw_lock_reader_lock (window_lock);
      texts = layer_label_texts (map, layer, scale);
      if (texts == NULL || !pv_layer_prepare (layer, map_crs, cancellable, NULL))
        {
          if (window_lock != NULL)
            g_rw_lock_reader_unlock (window_lock);
          continue;
        }
      job.layer = PV_VECTOR_LAYER (layer);
      job.position = i;
      job.p = _pv_vector_layer_dup_prepared (job.layer);
      if (job.p == NULL || job.p->tree == NULL)
        {
          layer_job_clear (&job);
          continue;
        }
      job.texts = g_steal_pointer (&texts);
      job.measures = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) measure_free);
      job.font = make_font (job.texts->labeling);
      job.font_px = pv_labeling_get_size (job.texts->labeling) * pl.dpi / 72.0;
      pv_labeling_get_color (job.texts->labeling, job.color);
      pv_labeling_get_halo (job.texts->labeling, job.halo, &job.halo_px);
      job.halo_px *= pl.dpi / 25.4;
      job.offset_px = pv_labeling_get_point_offset (job.texts->labeling) * pl.dpi / 25.4 +
                      MARKER_RADIUS_PX * pl.dpi / 96.0;
      g_array_append_val (jobs, job);
    }
  if (jobs->len == 0)
    return pl.result;

  /* The candidates: labelled features in the frame and its margin. */
  pv_viewport_screen_to_map (viewport, -pl.margin, pl.height + pl.margin, &mx0, &my0);
  pv_viewport_screen_to_map (viewport, pl.width + pl.margin, -pl.margin, &mx1, &my1);
  for (guint j = 0; j < jobs->len; j++)
    {
      LayerJob *job = &g_array_index (jobs, LayerJob, j);
      int priority = pv_labeling_get_priority (job->texts->labeling);

      g_array_set_size (ids, 0);
      _pv_rtree_search (job->p->tree, mx0, my0, mx1, my1, ids);
      for (guint k = 0; k < ids->len; k++)
        {
          guint32 f = g_array_index (ids, guint32, k);
          guint8 kind = job->layer->kinds[f];
          Candidate c = { f, (guint16) j, (gint16) priority, job->position, 0 };
          float box[4];
          double w, h;

          if (kind == KIND_NONE || *_pv_label_texts_get (job->texts, f) == '\0' ||
              !_pv_rtree_get_box (job->p->tree, f, box))
            continue;
          w = (box[2] - box[0]) / pl.res;
          h = (box[3] - box[1]) / pl.res;
          /* Too small on screen for any label (checked exactly later). */
          if (kind == PV_GEOMETRY_KIND_POLYGON && (w < job->font_px || h < job->font_px))
            continue;
          if (kind == PV_GEOMETRY_KIND_LINE && MAX (w, h) < 2 * job->font_px)
            continue;
          c.size = (box[2] - box[0]) * (box[2] - box[0]) + (box[3] - box[1]) * (box[3] - box[1]);
          g_array_append_val (candidates, c);
        }
    }
  g_array_sort (candidates, compare_candidates);

  grid_init (&pl.grid, -pl.margin, -pl.margin, pl.width + pl.margin, pl.height + pl.margin);
  g_mutex_lock (&pango_lock);
  pl.context = create_context (pl.dpi);
  for (guint k = 0; k < candidates->len; k++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, k);
      LayerJob *job = &g_array_index (jobs, LayerJob, c->job);
      const char *text = _pv_label_texts_get (job->texts, c->feature);
      Measure *m;
      float box[4];

      if (k % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      m = measure_text (&pl, job, text);
      if (!(m->width > 0))
        continue;
      switch (job->layer->kinds[c->feature])
        {
        case PV_GEOMETRY_KIND_POLYGON:
          _pv_rtree_get_box (job->p->tree, c->feature, box);
          place_polygon (&pl, job, c->feature, text, m, box);
          break;
        case PV_GEOMETRY_KIND_LINE:
          place_line (&pl, job, c->feature, text, m);
          break;
        case PV_GEOMETRY_KIND_POINT:
          place_point (&pl, job, c->feature, text, m);
          break;
        default:
          break;
        }
    }
  /* The measures' layouts (held by the placed labels too) die under the lock. */
  for (guint j = 0; j < jobs->len; j++)
    layer_job_clear (&g_array_index (jobs, LayerJob, j));
  g_clear_object (&pl.context);
  g_mutex_unlock (&pango_lock);
  grid_clear (&pl.grid);
  if (cancelled)
    g_ptr_array_set_size (pl.result, 0);
  return pl.result;
}

/* ---------------------------------------------------------------- drawing */

static void
label_path (cairo_t *cr,
            Placed  *placed)
{
  if (placed->layout != NULL)
    {
      cairo_move_to (cr, placed->left, placed->top);
      pango_cairo_layout_path (cr, placed->layout);
      return;
    }
  for (guint i = 0; placed->glyphs != NULL && i < placed->glyphs->len; i++)
    {
      const Glyph *glyph = &g_array_index (placed->glyphs, Glyph, i);

      cairo_save (cr);
      cairo_translate (cr, glyph->x, glyph->y);
      cairo_rotate (cr, glyph->angle);
      cairo_move_to (cr, -glyph->width / 2, -glyph->height / 2);
      pango_cairo_layout_path (cr, glyph->layout);
      cairo_restore (cr);
    }
}

void
pv_labeler_draw (GPtrArray *labels,
                 cairo_t   *cr)
{
  g_return_if_fail (labels != NULL);
  g_return_if_fail (cr != NULL);

  g_mutex_lock (&pango_lock);
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < labels->len; i++)
    {
      Placed *placed = g_ptr_array_index (labels, i);

      cairo_new_path (cr);
      label_path (cr, placed);
      if (placed->halo_px > 0 && placed->halo[3] > 0)
        {
          cairo_set_source_rgba (cr, placed->halo[0], placed->halo[1], placed->halo[2], placed->halo[3]);
          cairo_set_line_width (cr, 2 * placed->halo_px);
          cairo_stroke_preserve (cr);
        }
      cairo_set_source_rgba (cr, placed->color[0], placed->color[1], placed->color[2], placed->color[3]);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  g_mutex_unlock (&pango_lock);
}
