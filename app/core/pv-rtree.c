/* pv-rtree.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pv-rtree-private.h"

#define NODE_SIZE 16

struct _PvRTree
{
  guint    n_items;     /* indexed items (finite boxes) */
  guint    n_nodes;     /* leaves + inner nodes */
  float   *boxes;       /* n_nodes × 4, leaves first, root last */
  guint32 *indices;     /* leaf: item id; inner: index of first child node */
  guint32 *positions;   /* item id → leaf node, G_MAXUINT32 when not indexed */
  guint    n_ids;
  guint   *level_ends;  /* end (exclusive) of each level in boxes */
  guint    n_levels;
};

/* Hilbert index of (x, y) on a 2^16 grid (Warren's "Hacker's Delight" form,
 * as used by bulk-loading R-trees). */
static guint32
hilbert_xy (guint32 x,
            guint32 y)
{
  guint32 a = x ^ y;
  guint32 b = 0xFFFF ^ a;
  guint32 c = 0xFFFF ^ (x | y);
  guint32 d = x & (y ^ 0xFFFF);
  guint32 A = a | (b >> 1);
  guint32 B = (a >> 1) ^ a;
  guint32 C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
  guint32 D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;
  guint32 i0, i1;

  a = A; b = B; c = C; d = D;
  A = ((a & (a >> 2)) ^ (b & (b >> 2)));
  B = ((a & (b >> 2)) ^ (b & ((a ^ b) >> 2)));
  C ^= ((a & (c >> 2)) ^ (b & (d >> 2)));
  D ^= ((b & (c >> 2)) ^ ((a ^ b) & (d >> 2)));

  a = A; b = B; c = C; d = D;
  A = ((a & (a >> 4)) ^ (b & (b >> 4)));
  B = ((a & (b >> 4)) ^ (b & ((a ^ b) >> 4)));
  C ^= ((a & (c >> 4)) ^ (b & (d >> 4)));
  D ^= ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)));

  a = A; b = B; c = C; d = D;
  C ^= ((a & (c >> 8)) ^ (b & (d >> 8)));
  D ^= ((b & (c >> 8)) ^ ((a ^ b) & (d >> 8)));

  a = C ^ (C >> 1);
  b = D ^ (D >> 1);

  i0 = x ^ y;
  i1 = b | (0xFFFF ^ (i0 | a));

  i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
  i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;

  i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
  i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;

  return (i1 << 1) | i0;
}

/* LSD radix sort of (hilbert << 32 | id) keys on the upper 32 bits. */
static void
radix_sort_keys (guint64 *keys,
                 guint    n)
{
  g_autofree guint64 *tmp = g_new (guint64, n);
  g_autofree guint *count = g_new (guint, 65536 + 1);
  guint64 *src = keys, *dst = tmp;

  for (guint shift = 32; shift < 64; shift += 16)
    {
      memset (count, 0, (65536 + 1) * sizeof (guint));

      for (guint i = 0; i < n; i++)
        count[((src[i] >> shift) & 0xFFFF) + 1]++;
      for (guint i = 1; i <= 65536; i++)
        count[i] += count[i - 1];
      for (guint i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & 0xFFFF]++] = src[i];
      { guint64 *t = src; src = dst; dst = t; }
    }
  /* Two passes: the result is back in keys. */
  g_assert (src == keys);
}

static gboolean
box_is_finite (const float *b)
{
  return isfinite (b[0]) && isfinite (b[1]) && isfinite (b[2]) && isfinite (b[3])
         && b[0] <= b[2] && b[1] <= b[3];
}

PvRTree *
_pv_rtree_new (const float *boxes,
               guint        n_items)
{
  PvRTree *tree = g_new0 (PvRTree, 1);
  g_autofree guint64 *keys = NULL;
  double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
  double sx, sy;
  guint n = 0, n_nodes, level_size, pos;
  GArray *level_ends = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_items; i++)
    {
      const float *b = boxes + 4 * (gsize) i;

      if (!box_is_finite (b))
        continue;
      minx = MIN (minx, b[0]); miny = MIN (miny, b[1]);
      maxx = MAX (maxx, b[2]); maxy = MAX (maxy, b[3]);
      n++;
    }

  tree->n_items = n;
  tree->n_ids = n_items;
  if (n == 0)
    {
      tree->level_ends = (guint *) g_array_free (level_ends, FALSE);
      return tree;
    }

  /* Count nodes level by level. */
  n_nodes = n;
  level_size = n;
  g_array_append_val (level_ends, n_nodes);
  do
    {
      level_size = (level_size + NODE_SIZE - 1) / NODE_SIZE;
      n_nodes += level_size;
      g_array_append_val (level_ends, n_nodes);
    }
  while (level_size > 1);

  tree->n_nodes = n_nodes;
  tree->n_levels = level_ends->len;
  tree->level_ends = (guint *) g_array_free (level_ends, FALSE);
  tree->boxes = g_new (float, 4 * (gsize) n_nodes);
  tree->indices = g_new (guint32, n_nodes);

  sx = maxx > minx ? 65535.0 / (maxx - minx) : 0;
  sy = maxy > miny ? 65535.0 / (maxy - miny) : 0;
  keys = g_new (guint64, n);
  pos = 0;
  for (guint i = 0; i < n_items; i++)
    {
      const float *b = boxes + 4 * (gsize) i;
      guint32 hx, hy;

      if (!box_is_finite (b))
        continue;
      hx = (guint32) ((((double) b[0] + b[2]) / 2 - minx) * sx);
      hy = (guint32) ((((double) b[1] + b[3]) / 2 - miny) * sy);
      keys[pos++] = ((guint64) hilbert_xy (MIN (hx, 65535), MIN (hy, 65535)) << 32) | i;
    }
  radix_sort_keys (keys, n);

  /* The leaves keep the only copy of the boxes the caller needs later. */
  tree->positions = g_new (guint32, n_items);
  memset (tree->positions, 0xFF, n_items * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    {
      guint32 id = (guint32) (keys[i] & 0xFFFFFFFF);

      memcpy (tree->boxes + 4 * (gsize) i, boxes + 4 * (gsize) id, 4 * sizeof (float));
      tree->indices[i] = id;
      tree->positions[id] = i;
    }

  /* Build parents from each level. */
  pos = n;
  for (guint level = 0, start = 0; level + 1 < tree->n_levels; level++)
    {
      guint end = tree->level_ends[level];

      for (guint child = start; child < end; child += NODE_SIZE)
        {
          float *p = tree->boxes + 4 * (gsize) pos;
          guint last = MIN (child + NODE_SIZE, end);

          p[0] = p[1] = INFINITY;
          p[2] = p[3] = -INFINITY;
          for (guint c = child; c < last; c++)
            {
              const float *b = tree->boxes + 4 * (gsize) c;

              p[0] = MIN (p[0], b[0]); p[1] = MIN (p[1], b[1]);
              p[2] = MAX (p[2], b[2]); p[3] = MAX (p[3], b[3]);
            }
          tree->indices[pos] = child;
          pos++;
        }
      start = end;
    }
  g_assert (pos == n_nodes);

  return tree;
}

void
_pv_rtree_free (PvRTree *tree)
{
  if (tree == NULL)
    return;
  g_free (tree->boxes);
  g_free (tree->indices);
  g_free (tree->positions);
  g_free (tree->level_ends);
  g_free (tree);
}

gboolean
_pv_rtree_get_box (PvRTree *tree,
                   guint32  id,
                   float   *box)
{
  guint32 position;

  if (tree->positions == NULL || id >= tree->n_ids || (position = tree->positions[id]) == G_MAXUINT32)
    return FALSE;
  memcpy (box, tree->boxes + 4 * (gsize) position, 4 * sizeof (float));
  return TRUE;
}

guint
_pv_rtree_get_n_items (PvRTree *tree)
{
  return tree->n_items;
}

gsize
_pv_rtree_get_memory (PvRTree *tree)
{
  return sizeof *tree + (gsize) tree->n_nodes * (4 * sizeof (float) + sizeof (guint32))
         + (gsize) tree->n_ids * sizeof (guint32);
}

static guint
level_of (PvRTree *tree,
          guint    node)
{
  guint level = 0;

  while (node >= tree->level_ends[level])
    level++;
  return level;
}

void
_pv_rtree_search (PvRTree *tree,
                  double   xmin,
                  double   ymin,
                  double   xmax,
                  double   ymax,
                  GArray  *ids)
{
  guint stack[64 * NODE_SIZE];
  guint depth = 0;

  if (tree->n_items == 0 || !(xmin <= xmax) || !(ymin <= ymax))
    return;

  /* Each stack entry is the first node of a run of siblings. */
  stack[depth++] = tree->n_nodes - 1;
  while (depth > 0)
    {
      guint first = stack[--depth];
      guint level = level_of (tree, first);
      guint end = MIN (first + NODE_SIZE - (first == tree->n_nodes - 1 ? NODE_SIZE - 1 : 0),
                       tree->level_ends[level]);

      for (guint node = first; node < end; node++)
        {
          const float *b = tree->boxes + 4 * (gsize) node;

          if (b[2] < xmin || b[3] < ymin || b[0] > xmax || b[1] > ymax)
            continue;
          if (level == 0)
            g_array_append_val (ids, tree->indices[node]);
          else
            stack[depth++] = tree->indices[node];
        }
    }
}
