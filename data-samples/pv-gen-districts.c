/* pv-gen-districts.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* District boundaries that look drawn, not computed: the noisy power diagram
 * of the model is sampled on a fine grid, the borders between its labels are
 * traced once each, as shared lines from junction to junction, smoothed,
 * given gentle meanders by a small smooth warp of the plane, and noded with
 * the province outline; the faces of that arrangement go back to the
 * districts. Every border is one line used by both neighbours, so the
 * districts tile the outline exactly. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <cpl_error.h>

#include "pv-gen.h"

#define GRID_RES        100.0    /* metres, label grid */
#define GRID_MARGIN     3000.0   /* labels reach this far beyond the outline */
#define SMOOTH_PASSES   10       /* binomial passes on the traced staircase */
#define RESAMPLE_STEP   30.0     /* metres, before the warp */
#define SIMPLIFY_TOL    0.5      /* metres, after the warp */
#define SEED_BORDERS    20240701u
#define ANCHOR_RADIUS   700.0    /* metres kept around an anchor, more than the warp moves */

typedef struct
{
  int     nx, ny;
  double  x0, y0;
  int    *label;                 /* nx × ny, -1 = none */
} Grid;

static inline int
grid_at (const Grid *grid,
         int         i,
         int         j)
{
  if (i < 0 || j < 0 || i >= grid->nx || j >= grid->ny)
    return -1;
  return grid->label[(gsize) j * grid->nx + i];
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* ---- labels ------------------------------------------------------------- */

/* Labels the pixel centres inside the outline (even-odd rule, one scanline
 * per row) with the model's district; -1 elsewhere. */
static void
label_inside (PvGenModel *model,
              Grid       *grid)
{
  const PvGenLine *ring = &model->outline;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));

  for (int j = 0; j < grid->ny; j++)
    {
      double y = grid->y0 + (j + 0.5) * GRID_RES;

      for (int i = 0; i < grid->nx; i++)
        grid->label[(gsize) j * grid->nx + i] = -1;
      g_array_set_size (xs, 0);
      for (guint k = 0, l = ring->n - 1; k < ring->n; l = k++)
        {
          double xa = ring->xy[2 * k], ya = ring->xy[2 * k + 1];
          double xb = ring->xy[2 * l], yb = ring->xy[2 * l + 1];

          if ((ya > y) != (yb > y))
            {
              double x = xa + (y - ya) * (xb - xa) / (yb - ya);

              g_array_append_val (xs, x);
            }
        }
      g_array_sort (xs, compare_double);
      for (guint k = 0; k + 1 < xs->len; k += 2)
        {
          double xa = g_array_index (xs, double, k), xb = g_array_index (xs, double, k + 1);
          int ia = MAX (0, (int) ceil ((xa - grid->x0) / GRID_RES - 0.5));
          int ib = MIN (grid->nx - 1, (int) floor ((xb - grid->x0) / GRID_RES - 0.5));

          for (int i = ia; i <= ib; i++)
            grid->label[(gsize) j * grid->nx + i] =
              pv_gen_model_district_at (model, grid->x0 + (i + 0.5) * GRID_RES, y);
        }
    }
}

/* Places that must stay in their district (town halls by a border) get a
 * blob of their district's label; the borders bend around it. */
static void
paint_anchors (Grid              *grid,
               const PvGenAnchor *anchors,
               guint              n_anchors)
{
  int r = (int) ceil (1.3 * ANCHOR_RADIUS / GRID_RES);

  for (guint a = 0; a < n_anchors; a++)
    {
      int ci = (int) floor ((anchors[a].x - grid->x0) / GRID_RES);
      int cj = (int) floor ((anchors[a].y - grid->y0) / GRID_RES);

      for (int j = cj - r; j <= cj + r; j++)
        for (int i = ci - r; i <= ci + r; i++)
          {
            double dx = grid->x0 + (i + 0.5) * GRID_RES - anchors[a].x;
            double dy = grid->y0 + (j + 0.5) * GRID_RES - anchors[a].y;

            /* A ragged blob rather than a disc, like a town or a park that
               a border goes round. */
            double angle = atan2 (dy, dx);
            double radius = ANCHOR_RADIUS
                            * (1.0 + 0.3 * pv_gen_fbm (1.2 * cos (angle) + 3.1 * a,
                                                       1.2 * sin (angle), 2, SEED_BORDERS + 9));

            if (grid_at (grid, i, j) >= 0 && hypot (dx, dy) <= radius)
              grid->label[(gsize) j * grid->nx + i] = anchors[a].district;
          }
    }
}

/* Every district keeps its largest 4-connected piece inside the province;
 * smaller pieces go to the neighbour they share most pixel edges with.
 * Returns the number of pieces moved. */
static guint
absorb_exclaves (Grid *grid)
{
  gsize n = (gsize) grid->nx * grid->ny;
  g_autofree int *comp = g_new (int, n);
  g_autofree int *stack = g_new (int, n);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) contacts = g_array_new (FALSE, TRUE, sizeof (guint) * PV_GEN_N_DISTRICTS);
  guint largest[PV_GEN_N_DISTRICTS] = { 0 };
  guint moved = 0;
  int n_comp = 0;

  for (gsize p = 0; p < n; p++)
    comp[p] = -1;
  for (gsize p = 0; p < n; p++)
    {
      int label = grid->label[p], top = 0;
      guint size = 0;
      guint zero[PV_GEN_N_DISTRICTS] = { 0 };
      guint *contact;

      if (label < 0 || comp[p] >= 0)
        continue;
      g_array_append_val (labels, label);
      g_array_append_vals (contacts, zero, 1);
      contact = (guint *) (void *) (contacts->data + (gsize) n_comp * sizeof zero);
      comp[p] = n_comp;
      stack[top++] = (int) p;
      while (top > 0)
        {
          int q = stack[--top], i = q % grid->nx, j = q / grid->nx;
          static const int di[4] = { 1, -1, 0, 0 }, dj[4] = { 0, 0, 1, -1 };

          size++;
          for (int k = 0; k < 4; k++)
            {
              int other = grid_at (grid, i + di[k], j + dj[k]);
              int r = (j + dj[k]) * grid->nx + i + di[k];

              if (other < 0)
                continue;
              if (other != label)
                contact[other]++;
              else if (comp[r] < 0)
                {
                  comp[r] = n_comp;
                  stack[top++] = r;
                }
            }
        }
      g_array_append_val (sizes, size);
      largest[label] = MAX (largest[label], size);
      n_comp++;
    }

  for (int c = 0; c < n_comp; c++)
    {
      int label = g_array_index (labels, int, c);
      const guint *contact = (const guint *) (void *) (contacts->data + (gsize) c * sizeof (guint) * PV_GEN_N_DISTRICTS);
      guint best_count = 0;
      int to = -1;

      if (g_array_index (sizes, guint, c) >= largest[label])
        continue;
      for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
        if (contact[d] > best_count)
          best_count = contact[d], to = d;
      if (to < 0)
        continue;
      g_array_index (labels, int, c) = to;
      moved++;
    }
  for (gsize p = 0; p < n; p++)
    if (comp[p] >= 0)
      grid->label[p] = g_array_index (labels, int, comp[p]);
  return moved;
}

/* Grows the labels outwards (majority of the four neighbours, ties to the
 * lower index) so that the traced borders run on past the outline and are
 * cut by it, wherever it lies within the pixel. */
static void
grow_labels (Grid *grid,
             int   steps)
{
  gsize n = (gsize) grid->nx * grid->ny;
  g_autofree int *next = g_new (int, n);

  for (int s = 0; s < steps; s++)
    {
      memcpy (next, grid->label, n * sizeof (int));
      for (int j = 0; j < grid->ny; j++)
        for (int i = 0; i < grid->nx; i++)
          {
            int count[PV_GEN_N_DISTRICTS] = { 0 }, best = -1, best_count = 0;
            const int around[4] = { grid_at (grid, i + 1, j), grid_at (grid, i - 1, j),
                                    grid_at (grid, i, j + 1), grid_at (grid, i, j - 1) };

            if (grid_at (grid, i, j) >= 0)
              continue;
            for (int k = 0; k < 4; k++)
              if (around[k] >= 0)
                count[around[k]]++;
            for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
              if (count[d] > best_count)
                best_count = count[d], best = d;
            next[(gsize) j * grid->nx + i] = best;
          }
      memcpy (grid->label, next, n * sizeof (int));
    }
}

/* ---- tracing the shared borders ----------------------------------------- */

/* Pixel edges between two different labels, on the grid of pixel corners
 * (nx + 1) × (ny + 1). Direction 0 east, 1 north, 2 west, 3 south. */
typedef struct
{
  const Grid *grid;
  guint8     *east;              /* corner (i, j) → (i + 1, j) is a border; bit 1: visited */
  guint8     *north;             /* corner (i, j) → (i, j + 1) */
} Edges;

static inline gsize
corner_index (const Edges *edges,
              int          i,
              int          j)
{
  return (gsize) j * (edges->grid->nx + 1) + i;
}

static guint8 *
edge_ref (const Edges *edges,
          int          i,
          int          j,
          int          dir)
{
  int nx = edges->grid->nx, ny = edges->grid->ny;

  switch (dir)
    {
    case 0:
      return i < nx ? &edges->east[corner_index (edges, i, j)] : NULL;
    case 1:
      return j < ny ? &edges->north[corner_index (edges, i, j)] : NULL;
    case 2:
      return i > 0 ? &edges->east[corner_index (edges, i - 1, j)] : NULL;
    default:
      return j > 0 ? &edges->north[corner_index (edges, i, j - 1)] : NULL;
    }
}

static int
corner_degree (const Edges *edges,
               int          i,
               int          j)
{
  int degree = 0;

  for (int dir = 0; dir < 4; dir++)
    {
      guint8 *e = edge_ref (edges, i, j, dir);

      degree += e && (*e & 1);
    }
  return degree;
}

static void
append_corner (GArray      *line,
               const Grid  *grid,
               int          i,
               int          j)
{
  double xy[2] = { grid->x0 + i * GRID_RES, grid->y0 + j * GRID_RES };

  g_array_append_vals (line, xy, 2);
}

/* Walks from corner (i, j) along direction @dir until a junction (any corner
 * whose degree is not 2) or back to the start. */
static GArray *
trace (Edges *edges,
       int    i,
       int    j,
       int    dir)
{
  static const int di[4] = { 1, 0, -1, 0 }, dj[4] = { 0, 1, 0, -1 };
  GArray *line = g_array_new (FALSE, FALSE, sizeof (double));
  int si = i, sj = j;

  append_corner (line, edges->grid, i, j);
  for (;;)
    {
      int next = -1;

      *edge_ref (edges, i, j, dir) |= 2;
      i += di[dir], j += dj[dir];
      append_corner (line, edges->grid, i, j);
      if ((i == si && j == sj) || corner_degree (edges, i, j) != 2)
        break;
      for (int d = 0; d < 4; d++)
        {
          guint8 *e = edge_ref (edges, i, j, d);

          if (e && *e == 1)
            next = d;
        }
      if (next < 0)
        break;
      dir = next;
    }
  return line;
}

static GPtrArray *
trace_borders (const Grid *grid)
{
  gsize n_corners = (gsize) (grid->nx + 1) * (grid->ny + 1);
  g_autofree guint8 *east = g_new0 (guint8, n_corners);
  g_autofree guint8 *north = g_new0 (guint8, n_corners);
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  Edges edges = { grid, east, north };

  for (int j = 0; j <= grid->ny; j++)
    for (int i = 0; i <= grid->nx; i++)
      {
        int here = grid_at (grid, i, j);
        int below = grid_at (grid, i, j - 1), left = grid_at (grid, i - 1, j);

        /* Borders against "no label" are far outside the province: skipped. */
        if (i < grid->nx && here >= 0 && below >= 0 && here != below)
          east[corner_index (&edges, i, j)] = 1;
        if (j < grid->ny && here >= 0 && left >= 0 && here != left)
          north[corner_index (&edges, i, j)] = 1;
      }

  /* Lines between junctions, then closed loops without any. */
  for (int pass = 0; pass < 2; pass++)
    for (int j = 0; j <= grid->ny; j++)
      for (int i = 0; i <= grid->nx; i++)
        {
          int degree = corner_degree (&edges, i, j);

          if (degree == 0 || (pass == 0 && degree == 2))
            continue;
          for (int dir = 0; dir < 4; dir++)
            {
              guint8 *e = edge_ref (&edges, i, j, dir);

              if (e && *e == 1)
                g_ptr_array_add (lines, trace (&edges, i, j, dir));
            }
        }
  return lines;
}

/* ---- shaping the lines -------------------------------------------------- */

/* Binomial (1 2 1) smoothing, end points fixed. */
static void
smooth_line (GArray *line,
             int     passes)
{
  guint n = line->len / 2;
  double *xy = (double *) (void *) line->data;
  g_autofree double *tmp = g_new (double, 2 * n);

  for (int p = 0; p < passes; p++)
    {
      memcpy (tmp, xy, 2 * n * sizeof (double));
      for (guint k = 1; k + 1 < n; k++)
        for (int c = 0; c < 2; c++)
          xy[2 * k + c] = 0.25 * tmp[2 * (k - 1) + c] + 0.5 * tmp[2 * k + c]
                          + 0.25 * tmp[2 * (k + 1) + c];
    }
}

static GArray *
resample_line (GArray *line,
               double  step)
{
  guint n = line->len / 2;
  const double *xy = (const double *) (const void *) line->data;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  double carry = 0.0;

  g_array_append_vals (out, xy, 2);
  for (guint k = 0; k + 1 < n; k++)
    {
      double dx = xy[2 * k + 2] - xy[2 * k], dy = xy[2 * k + 3] - xy[2 * k + 1];
      double len = hypot (dx, dy), s = step - carry;

      for (; s < len; s += step)
        {
          double p[2] = { xy[2 * k] + dx * s / len, xy[2 * k + 1] + dy * s / len };

          g_array_append_vals (out, p, 2);
        }
      carry = len - (s - step);
    }
  /* The end point exactly, replacing a sample too close to it. */
  if (out->len >= 4 && carry < 0.3 * step)
    g_array_set_size (out, out->len - 2);
  g_array_append_vals (out, &xy[2 * (n - 1)], 2);
  return out;
}

/* A small smooth warp of the plane, the same for every line: the borders
 * meander like the roads and streams real ones follow, and since the warp
 * stretches nothing by more than a fraction, lines that met at a junction
 * still meet there and lines that did not cross still do not. */
static void
warp_offset (double  x,
             double  y,
             double *dx,
             double *dy)
{
  *dx = 380.0 * pv_gen_fbm (x / 5200.0, y / 5200.0, 2, SEED_BORDERS + 1)
        + 150.0 * pv_gen_fbm (x / 1500.0, y / 1500.0, 3, SEED_BORDERS + 2);
  *dy = 380.0 * pv_gen_fbm (x / 5200.0, y / 5200.0, 2, SEED_BORDERS + 3)
        + 150.0 * pv_gen_fbm (x / 1500.0, y / 1500.0, 3, SEED_BORDERS + 4);
}

static void
warp_point (double *x,
            double *y)
{
  double dx, dy;

  warp_offset (*x, *y, &dx, &dy);
  *x += dx, *y += dy;
}

/* The point that the warp moves to (x, y): a fixed-point iteration, which
 * converges because the warp is a small perturbation of the identity. */
static void
unwarp_point (double *x,
              double *y)
{
  double px = *x, py = *y;

  for (int k = 0; k < 40; k++)
    {
      double dx, dy;

      warp_offset (px, py, &dx, &dy);
      px = *x - dx, py = *y - dy;
    }
  *x = px, *y = py;
}

/* Douglas–Peucker, end points kept. */
static void
simplify_mark (const double *xy,
               guint         a,
               guint         b,
               double        tol,
               gboolean     *keep)
{
  double ax = xy[2 * a], ay = xy[2 * a + 1], dx = xy[2 * b] - ax, dy = xy[2 * b + 1] - ay;
  double len = hypot (dx, dy), worst = -1.0;
  guint at = a;

  for (guint k = a + 1; k < b; k++)
    {
      double d = len > 0 ? fabs ((xy[2 * k] - ax) * dy - (xy[2 * k + 1] - ay) * dx) / len
                         : hypot (xy[2 * k] - ax, xy[2 * k + 1] - ay);

      if (d > worst)
        worst = d, at = k;
    }
  if (worst > tol)
    {
      keep[at] = TRUE;
      simplify_mark (xy, a, at, tol, keep);
      simplify_mark (xy, at, b, tol, keep);
    }
}

static OGRGeometryH
shape_line (GArray *traced)
{
  g_autoptr(GArray) line = NULL;
  g_autofree gboolean *keep = NULL;
  OGRGeometryH g = OGR_G_CreateGeometry (wkbLineString);
  double *xy;
  guint n;

  smooth_line (traced, SMOOTH_PASSES);
  line = resample_line (traced, RESAMPLE_STEP);
  n = line->len / 2;
  xy = (double *) (void *) line->data;
  for (guint k = 0; k < n; k++)
    warp_point (&xy[2 * k], &xy[2 * k + 1]);
  keep = g_new0 (gboolean, n);
  keep[0] = keep[n - 1] = TRUE;
  /* A closed loop is split in two so that it keeps its shape. */
  if (n > 3 && xy[0] == xy[2 * (n - 1)] && xy[1] == xy[2 * (n - 1) + 1])
    {
      keep[n / 2] = TRUE;
      simplify_mark (xy, 0, n / 2, SIMPLIFY_TOL, keep);
      simplify_mark (xy, n / 2, n - 1, SIMPLIFY_TOL, keep);
    }
  else
    simplify_mark (xy, 0, n - 1, SIMPLIFY_TOL, keep);
  for (guint k = 0; k < n; k++)
    if (keep[k])
      OGR_G_AddPoint_2D (g, round (xy[2 * k] * 100) / 100, round (xy[2 * k + 1] * 100) / 100);
  return g;
}

/* ---- faces back to districts -------------------------------------------- */

static void
add_polygons (OGRGeometryH  to,
              OGRGeometryH  g)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));

  if (type == wkbPolygon)
    OGR_G_AddGeometry (to, g);
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
      add_polygons (to, OGR_G_GetGeometryRef (g, i));
}

static OGRGeometryH
union_polygons (OGRGeometryH g)
{
  OGRGeometryH parts = OGR_G_CreateGeometry (wkbMultiPolygon);
  OGRGeometryH merged;

  add_polygons (parts, g);
  merged = OGR_G_UnionCascaded (parts);
  OGR_G_DestroyGeometry (parts);
  return merged;
}

static double
shared_length (OGRGeometryH a,
               OGRGeometryH b)
{
  OGRGeometryH ba = OGR_G_Boundary (a), bb = OGR_G_Boundary (b);
  OGRGeometryH common = OGR_G_Intersection (ba, bb);
  double length = 0.0;

  if (common)
    {
      OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (common));

      if (type == wkbLineString || type == wkbMultiLineString)
        length = OGR_G_Length (common);
      else if (type == wkbGeometryCollection)
        for (int i = 0; i < OGR_G_GetGeometryCount (common); i++)
          {
            OGRGeometryH part = OGR_G_GetGeometryRef (common, i);

            if (wkbFlatten (OGR_G_GetGeometryType (part)) == wkbLineString)
              length += OGR_G_Length (part);
          }
      OGR_G_DestroyGeometry (common);
    }
  OGR_G_DestroyGeometry (ba);
  OGR_G_DestroyGeometry (bb);
  return length;
}

/* Crossings made by smoothing can leave a district a sliver apart from its
 * body: it goes to the neighbour it shares the longest border with. */
static guint
merge_stray_parts (OGRGeometryH districts[PV_GEN_N_DISTRICTS])
{
  guint moved = 0;

  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    {
      OGRGeometryH g = districts[d];
      int largest = 0;

      if (wkbFlatten (OGR_G_GetGeometryType (g)) != wkbMultiPolygon)
        continue;
      for (int k = 1; k < OGR_G_GetGeometryCount (g); k++)
        if (OGR_G_Area (OGR_G_GetGeometryRef (g, k)) >
            OGR_G_Area (OGR_G_GetGeometryRef (g, largest)))
          largest = k;
      for (int k = 0; k < OGR_G_GetGeometryCount (g); k++)
        {
          OGRGeometryH part = OGR_G_GetGeometryRef (g, k);
          double best = 0.0;
          int to = -1;

          if (k == largest)
            continue;
          for (int e = 0; e < PV_GEN_N_DISTRICTS; e++)
            {
              double length;

              if (e == d)
                continue;
              length = shared_length (part, districts[e]);
              if (length > best)
                best = length, to = e;
            }
          if (to >= 0)
            {
              OGRGeometryH both = OGR_G_CreateGeometry (wkbGeometryCollection);

              OGR_G_AddGeometry (both, districts[to]);
              OGR_G_AddGeometry (both, part);
              OGR_G_DestroyGeometry (districts[to]);
              districts[to] = union_polygons (both);
              OGR_G_DestroyGeometry (both);
              moved++;
            }
        }
      districts[d] = OGR_G_Clone (OGR_G_GetGeometryRef (g, largest));
      OGR_G_DestroyGeometry (g);
    }
  return moved;
}

/* ---- driver ------------------------------------------------------------- */

gboolean
pv_gen_build_districts (PvGenModel         *model,
                        const PvGenAnchor  *anchors,
                        guint               n_anchors,
                        OGRGeometryH        districts[PV_GEN_N_DISTRICTS],
                        GError            **error)
{
  Grid grid = { 0 };
  g_autoptr(GPtrArray) traced = NULL;
  OGRGeometryH lines, noded, faces, seed_point, collect[PV_GEN_N_DISTRICTS];
  double outline_area = OGR_G_Area (model->outline_geom), total = 0.0;
  guint moved_cells = 0, moved_parts = 0, n_faces = 0, n_vertices = 0;
  gboolean ok = TRUE;

  grid.x0 = floor ((model->xmin - GRID_MARGIN) / GRID_RES) * GRID_RES;
  grid.y0 = floor ((model->ymin - GRID_MARGIN) / GRID_RES) * GRID_RES;
  grid.nx = (int) ceil ((model->xmax + GRID_MARGIN - grid.x0) / GRID_RES);
  grid.ny = (int) ceil ((model->ymax + GRID_MARGIN - grid.y0) / GRID_RES);
  grid.label = g_new (int, (gsize) grid.nx * grid.ny);

  label_inside (model, &grid);
  paint_anchors (&grid, anchors, n_anchors);
  for (int pass = 0; pass < 5; pass++)
    {
      guint moved = absorb_exclaves (&grid);

      moved_cells += moved;
      if (moved == 0)
        break;
    }
  grow_labels (&grid, (int) (GRID_MARGIN / GRID_RES) - 2);

  /* The shared borders, each shaped once, and the outline as it is: it
   * follows the border rivers already. */
  traced = trace_borders (&grid);
  lines = OGR_G_CreateGeometry (wkbMultiLineString);
  for (guint k = 0; k < traced->len; k++)
    {
      OGRGeometryH line = shape_line (g_ptr_array_index (traced, k));

      n_vertices += OGR_G_GetPointCount (line);
      OGR_G_AddGeometryDirectly (lines, line);
    }
  {
    OGRGeometryH ring = OGR_G_GetGeometryRef (model->outline_geom, 0);
    OGRGeometryH outline = OGR_G_CreateGeometry (wkbLineString);

    for (int k = 0; k < OGR_G_GetPointCount (ring); k++)
      OGR_G_AddPoint_2D (outline, OGR_G_GetX (ring, k), OGR_G_GetY (ring, k));
    OGR_G_AddGeometryDirectly (lines, outline);
  }

  /* Noding (a union with one of its own points) splits the lines where
   * they meet or cross; polygonizing gives the faces of the arrangement. */
  seed_point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (seed_point, 0, model->outline.xy[0], model->outline.xy[1]);
  noded = OGR_G_Union (lines, seed_point);
  OGR_G_DestroyGeometry (seed_point);
  OGR_G_DestroyGeometry (lines);
  if (noded == NULL || wkbFlatten (OGR_G_GetGeometryType (noded)) != wkbMultiLineString)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot node the district borders: %s", CPLGetLastErrorMsg ());
      if (noded)
        OGR_G_DestroyGeometry (noded);
      g_free (grid.label);
      return FALSE;
    }
  faces = OGR_G_Polygonize (noded);
  OGR_G_DestroyGeometry (noded);
  if (faces == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot polygonize the district borders: %s", CPLGetLastErrorMsg ());
      g_free (grid.label);
      return FALSE;
    }

  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    collect[d] = OGR_G_CreateGeometry (wkbMultiPolygon);
  for (int k = 0; k < OGR_G_GetGeometryCount (faces); k++)
    {
      OGRGeometryH face = OGR_G_GetGeometryRef (faces, k);
      OGRGeometryH inner = OGR_G_PointOnSurface (face);
      double x = OGR_G_GetX (inner, 0), y = OGR_G_GetY (inner, 0);
      int i, j, label;

      /* The face was drawn in the warped plane, the labels in the plain one. */
      unwarp_point (&x, &y);
      i = (int) floor ((x - grid.x0) / GRID_RES), j = (int) floor ((y - grid.y0) / GRID_RES);
      label = grid_at (&grid, i, j);
      /* The point-on-surface lies strictly inside the face, and the face is
         either inside the outline or outside it. */
      if (OGR_G_Contains (model->outline_geom, inner) && label >= 0)
        {
          OGR_G_AddGeometry (collect[label], face);
          n_faces++;
        }
      OGR_G_DestroyGeometry (inner);
    }
  OGR_G_DestroyGeometry (faces);
  g_free (grid.label);

  for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
    {
      districts[d] = OGR_G_UnionCascaded (collect[d]);
      OGR_G_DestroyGeometry (collect[d]);
    }
  for (int pass = 0; pass < 3; pass++)
    {
      guint moved = merge_stray_parts (districts);

      moved_parts += moved;
      if (moved == 0)
        break;
    }

  /* Check the tiling before anyone writes it. */
  for (int d = 0; d < PV_GEN_N_DISTRICTS && ok; d++)
    {
      if (districts[d] == NULL || !OGR_G_IsValid (districts[d]) ||
          wkbFlatten (OGR_G_GetGeometryType (districts[d])) != wkbPolygon)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "district %s is not one valid polygon", model->districts[d].name);
          ok = FALSE;
          break;
        }
      total += OGR_G_Area (districts[d]);
      for (int e = 0; e < d; e++)
        {
          OGRGeometryH overlap = OGR_G_Intersection (districts[d], districts[e]);
          double area = 0.0;

          if (overlap)
            {
              OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (overlap));

              if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbGeometryCollection)
                area = OGR_G_Area (overlap);
              OGR_G_DestroyGeometry (overlap);
            }
          if (area > 1.0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "districts %s and %s overlap by %.1f m²", model->districts[d].name,
                           model->districts[e].name, area);
              ok = FALSE;
            }
        }
    }
  for (guint a = 0; a < n_anchors && ok; a++)
    {
      OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (pt, 0, anchors[a].x, anchors[a].y);
      if (!OGR_G_Contains (districts[anchors[a].district], pt))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%.0f %.0f is not in %s",
                       anchors[a].x, anchors[a].y, model->districts[anchors[a].district].name);
          ok = FALSE;
        }
      OGR_G_DestroyGeometry (pt);
    }
  if (ok && fabs (total - outline_area) > 1.0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the districts cover %.1f m² of the outline's %.1f m²", total, outline_area);
      ok = FALSE;
    }
  g_print ("districts: %u border lines (%u vertices), %u faces, %u grid pieces and %u "
           "stray parts given to neighbours, %.3f km² for an outline of %.3f km²\n",
           traced->len, n_vertices, n_faces, moved_cells, moved_parts, total / 1e6,
           outline_area / 1e6);
  if (!ok)
    for (int d = 0; d < PV_GEN_N_DISTRICTS; d++)
      g_clear_pointer (&districts[d], OGR_G_DestroyGeometry);
  return ok;
}
